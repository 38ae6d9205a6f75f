"""The keys an editor may write: in site.yml and in a page's front matter, in one place.

A key that is not here is reported as unknown, with the keys that are (yamlfile.allow_only).
"""

from __future__ import annotations

SITE_KEYS = ("title", "start", "contact", "limits", "labels", "owner", "updated")
LIMIT_KEYS = ("page_kb", "single_mb", "attachment_mb", "extra_pages")
CONTACT_KEYS = ("heading", "people", "email")
PERSON_KEYS = ("name", "phone")
NODE_KEYS = ("title", "step", "next", "next_label", "options", "topic")
OPTION_KEYS = ("label", "next", "hint", "labels", "short")
BRANCH_KEYS = ("when", "next")
