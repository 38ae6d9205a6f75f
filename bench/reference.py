"""A plain reference pipeline: the same work per node with the same libraries, on both cores.

Read, split the front matter, YAML (C loader where libyaml exists), one reused
markdown.Markdown, one Jinja template, write. No checks, no links between pages, no
overview: the floor that our build's overhead is measured against.
"""

from __future__ import annotations

import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import jinja2
import markdown
import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
TEMPLATE = """<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><title>{{ title }}</title>
<link rel="stylesheet" href="style.css"></head>
<body><main><h1>{{ title }}</h1>{{ body|safe }}
{% for option in options %}<a href="{{ option.next }}.html">{{ option.label }}</a>
{% endfor %}</main></body></html>
"""


def build_chunk(paths: list[str], out: str) -> int:
    """Turn a list of Markdown files into pages in out; return how many."""
    converter = markdown.Markdown(output_format="html")
    template = jinja2.Environment(autoescape=True).from_string(TEMPLATE)
    for name in paths:
        text = Path(name).read_text(encoding="utf-8-sig")
        _, front, body = text.split("---\n", 2)
        data = yaml.load(front, Loader=Loader)
        html = converter.reset().convert(body)
        page = template.render(title=data["title"], body=html, options=data.get("options", []))
        Path(out, Path(name).stem + ".html").write_text(page, encoding="utf-8")
    return len(paths)


def main(content: str, out: str, jobs: int = 2) -> int:
    """Build every page of content into out, spread over `jobs` processes."""
    os.makedirs(out, exist_ok=True)
    paths = sorted(str(p) for p in Path(content).rglob("*.md"))
    chunks = [paths[i::jobs] for i in range(jobs)]
    with ProcessPoolExecutor(jobs) as pool:
        return sum(pool.map(build_chunk, chunks, [out] * jobs))


if __name__ == "__main__":
    print(main(sys.argv[1], sys.argv[2]))
