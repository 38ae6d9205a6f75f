"""The quicker inline pass gives exactly what Markdown's own gives, and is the one in use."""

from __future__ import annotations

import random
import sys

import markdown
import pytest
from markdown.treeprocessors import InlineProcessor

from beslisboom import load
from beslisboom.mdext import NEEDS, LinkNotesExtension, QuickInline
from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from synth import body  # noqa: E402

# Text that every inline pattern matches, and text close to it that it must not match.
SNIPPETS = [
    "Plain prose with no marks at all.",
    "Een *nadruk*, een **sterke nadruk**, ***beide***, _liggend_ en __vet__.",
    "Sterretjes die niets doen: 3 * 4 en a_b_c, en * los * staand.",
    "Code: `print(1)`, ``twee `ticks` ``, en een losse ` tick.",
    "Ontsnapt: \\*geen nadruk\\*, \\`geen code\\`, \\\\ en \\[geen link].",
    'Een [link](https://example.org "titel"), [een verwijzing][ref] en [ref].',
    "![plaatje](beeld.png) en ![verwijzing][ref] en ![ref]\n\n[ref]: https://example.org",
    "<https://example.org/pad?a=1&b=2> en <iemand@example.org> en <mailto:x@y.nl>.",
    "Regel met twee spaties  \nen een harde regelafbreking.",
    'Inline <span class="x">html</span>, <!-- opmerking --> en <br/>.',
    "Entiteiten: &amp; &copy; &#169; &#xA9; en een losse & in de tekst.",
    "Genest: *nadruk met `code` en [link](a.html)* en **vet met _liggend_**.",
    "[*nadruk in link*](a.html) en [`code in link`](b.html).",
    "- lijst met *nadruk*\n- en [link](c.html)\n\n1. genummerd\n2. `code`",
    "> citaat met **vet**\n\n    code blok met *geen* nadruk\n",
    "Bellen: [06 12](tel:0612) en [mail](mailto:a@b.nl).",
    "Onderstreping_in_woorden en snake_case_namen_met_veel_streepjes.",
    "Mix: a < b & c > d, 5 * 3 = 15, [niet gesloten en ![ook niet.",
]


def converters() -> tuple[markdown.Markdown, markdown.Markdown]:
    """Our converter, and the same with Markdown's own inline pass put back."""
    ours = markdown.Markdown(output_format="html", extensions=[LinkNotesExtension()])
    stock = markdown.Markdown(output_format="html", extensions=[LinkNotesExtension()])
    stock.treeprocessors.register(InlineProcessor(stock), "inline", 20)
    return ours, stock


def same_output(texts: list[str]) -> None:
    ours, stock = converters()
    for text in texts:
        assert ours.reset().convert(text) == stock.reset().convert(text), text


def test_the_loader_uses_the_quicker_pass() -> None:
    assert isinstance(load._markdown.treeprocessors["inline"], QuickInline)


def test_every_inline_pattern_of_markdown_has_its_needed_text() -> None:
    # A pattern without an entry still works, but is tried on every piece of text.
    names = set(markdown.Markdown().inlinePatterns._data)
    assert names <= set(NEEDS), names - set(NEEDS)


@pytest.mark.parametrize("text", SNIPPETS)
def test_each_inline_pattern_gives_what_markdown_gives(text: str) -> None:
    same_output([text])


def test_snippets_joined_and_shuffled_give_what_markdown_gives() -> None:
    rng = random.Random(7)
    texts = []
    for _ in range(200):
        picked = rng.sample(SNIPPETS, 4)
        texts.append(rng.choice((" ", "\n", "\n\n")).join(picked))
    same_output(texts)


def test_real_pages_give_what_markdown_gives() -> None:
    pages = sorted((ROOT / "content").rglob("*.md")) + [ROOT / "docs" / "handleiding.md"]
    texts = [path.read_text(encoding="utf-8") for path in pages]
    texts += [(ROOT / "README.md").read_text(encoding="utf-8")]
    texts += [body(random.Random(seed)) for seed in range(100)]
    same_output(texts)
