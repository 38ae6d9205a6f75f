"""Keep compiled templates between builds, as Python keeps compiled modules.

Compiling the nine templates is about a sixth of a small tree's build. Jinja stores each
compiled template under the user's own temporary folder, keyed by the template's path and
checked against a hash of its text, so an edited template is compiled again. The key also
holds the environment's options: the same text compiles differently under other options.
A cache that cannot be read or written never fails a build; it is simply not used.
"""

from __future__ import annotations

import hashlib
from typing import Any

import jinja2
from jinja2.bccache import Bucket


class TemplateCache(jinja2.FileSystemBytecodeCache):
    """Jinja's file cache of compiled templates, quiet about every failure."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # unreadable or damaged: compile anew
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def template_cache(options: dict[str, Any]) -> TemplateCache | None:
    """Return the cache for environments made with these options, or None where impossible."""
    fingerprint = hashlib.sha256(
        repr((jinja2.__version__, sorted(options.items()))).encode("utf-8")
    ).hexdigest()[:12]
    try:
        return TemplateCache(pattern=f"beslisboom-{fingerprint}-%s.cache")
    except (OSError, RuntimeError):  # no temporary folder of our own: do without
        return None
