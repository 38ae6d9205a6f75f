"""What several test files share: a small tree, a folder's snapshot, the seed's routes,
and the browser's helpers (a visit, axe, the keyboard). Fixtures live in conftest.py."""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from conftest import SHARED, page

# The tree is read where the project's shared data lives, beside the project; it is never
# copied in. BESLISBOOM_TREES may point to another folder holding minbzk-ai-verordening/.
TREES = Path(os.environ.get("BESLISBOOM_TREES", SHARED / "trees"))
TREE = TREES / "minbzk-ai-verordening" / "decision-tree.yaml"
HISTORY = TREES / "minbzk-ai-verordening" / "history"  # earlier versions, with a README
if os.environ.get("BESLISBOOM_REQUIRE_TREES") == "1":
    for needed in (TREE, HISTORY / "README.md"):
        if not needed.is_file():
            raise RuntimeError(f"{needed} is missing; CI needs it (set BESLISBOOM_TREES)")


def jexl_holds(condition: str, labels: set[str]) -> bool:
    """Evaluate one of the original's conditions the way its jexl would."""
    python = re.sub(r'"([^"]*)"\s+in\s+labels', lambda m: repr(m.group(1) in labels), condition)
    python = python.replace("&&", " and ").replace("||", " or ").replace("!", " not ")
    return bool(eval(python, {"__builtins__": {}}))  # noqa: S307 - True/False/and/or/not only


def original_routes(tree: Path = TREE) -> list[tuple[tuple[str, ...], str, frozenset[str]]]:
    """Follow every answer sequence of the original: (answers, conclusion, labels)."""
    data = yaml.safe_load(tree.read_text(encoding="utf-8"))
    questions = {str(q["questionId"]): q for q in data["questions"]}
    routes = []

    def walk(question_id: str, labels: frozenset[str], answers: tuple[str, ...]) -> None:
        for answer in questions[question_id]["answers"]:
            gathered = labels | set(answer.get("labels") or [])
            if answer.get("subresult"):
                gathered |= {"subresult: " + answer["subresult"]}
            taken = (*answers, answer["answer"])
            target = answer
            if "redirects" in answer:
                target = next(r for r in answer["redirects"] if jexl_holds(r["if"], gathered))
            if "nextConclusionId" in target:
                routes.append((taken, str(target["nextConclusionId"]), gathered))
            else:
                walk(str(target["nextQuestionId"]), gathered, taken)

    walk(str(data["questions"][0]["questionId"]), frozenset(), ())
    return routes


SMALL = {
    "start.md": page("Welkom", "next: vraag\nnext_label: Start\n"),
    "vraag.md": page(
        "Ja of nee?",
        "step: 1\noptions:\n  - label: Ja\n    next: café-één\n"
        "  - label: Nee\n    next: con\n    hint: Dan stopt het hier.\n",
    ),
    "café-één.md": page("Gekozen voor ja", "step: 1\nnext: einde\n", "Een *tekst*.\n"),
    "con.md": page("Gekozen voor nee", "step: 1\nnext: einde\n"),
    "einde.md": page("Klaar"),
}


def write_content(folder: Path, files: dict[str, str], site: str) -> Path:
    """Write a content folder anywhere: site.yml and the pages."""
    folder.mkdir(parents=True)
    (folder / "site.yml").write_text(site, encoding="utf-8")
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    """Read every file under a folder."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def as_if_afresh(folder: Path, gone: tuple[str, ...]) -> dict[str, bytes]:
    """Read every file under an output folder, leaving out the pages for addresses an
    earlier version had (gone.py), and their lines in the manifest: what a build into
    an empty folder makes."""
    files = snapshot(folder)
    for name in gone:
        del files[name]
    lines = files[".beslisboom-site"].decode().splitlines(keepends=True)
    files[".beslisboom-site"] = "".join(ln for ln in lines if ln.strip() not in gone).encode()
    return files


# FLOW.md's node names mapped to this content's ids.
IDS = {
    "start": "start",
    "1": "1-wanneer",
    "2": "2-mandaat",
    "2-weinig": "2-weinig",
    "2-geen": "2-geen",
    "3": "3-rol",
    "3-informeren": "3-informeren",
    "4": "4-instrumenten",
    "5": "5-doelgroep",
    "5-specifiek": "5-specifiek",
    "6": "6-middelen",
    "7": "7-informatie",
    "7-ja": "7-ja",
    "7-nee": "7-nee",
    "finish": "einde",
}


# FLOW.md's table: for every node, (answer label, FLOW name of the node it leads to).
FLOW = {
    "start": [("Start", "1")],
    "1": [("Volgende", "2")],
    "2": [("Genoeg", "3"), ("Weinig", "2-weinig"), ("Geen", "2-geen")],
    "2-weinig": [("Volgende", "3")],
    "2-geen": [("Geen traject starten", "finish"), ("Verder naar stap 3", "3")],
    "3": [
        ("De burger is gelijkwaardige partner - meebeslissen", "4"),
        (
            "De burger is samenwerkingspartner, de inbreng geldt als een zwaarwegend advies - "
            "coproduceren",
            "4",
        ),
        ("De burgers mogen een voorstel inbrengen, de bestuurders beslissen - adviseren", "4"),
        ("De burgers mogen hun mening geven, het bestuur beslist - raadplegen", "4"),
        (
            "De burgers krijgen informatie over het besluit en hebben geen formele inbreng - "
            "informeren",
            "3-informeren",
        ),
    ],
    "3-informeren": [("Kies een andere rol", "3"), ("Verder naar stap 4", "4")],
    "4": [("Volgende", "5")],
    "5": [
        ("Algemeen publiek/de burgers", "6"),
        ("Specifieke doelgroep", "5-specifiek"),
        ("Beide", "5-specifiek"),
    ],
    "5-specifiek": [("Volgende", "6")],
    "6": [("Volgende", "7")],
    "7": [("Ja", "7-ja"), ("Nee", "7-nee")],
    "7-ja": [("Volgende", "finish")],
    "7-nee": [("Volgende", "finish")],
    "finish": [],
}


SOURCE = Path(__file__).parent / "data" / "bron.txt"


def source_sentences() -> list[str]:
    """Read the source's lines, without the drawing's markers and step numbers."""
    sentences = []
    for line in SOURCE.read_text(encoding="utf-8").splitlines():
        line = line.strip().removeprefix("- ").replace("**", "").replace("★", "").strip()
        line = re.sub(r"^\d ", "", line)
        if line and line != "Finish":  # "Finish" names the drawing's end, not a sentence
            sentences.append(line)
    return sentences


WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


SINGLE_FILE = "burgers-betrekken-beslisboom.html"


class Visit:
    """One browser page with a record of everything that went wrong on it."""

    def __init__(self, browser, base: str, width: int = 1280, javascript: bool = True) -> None:
        self.base = base
        self.context = browser.new_context(
            viewport={"width": width, "height": 800}, java_script_enabled=javascript
        )
        self.context.set_default_timeout(5000)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))
        self.page.on("requestfailed", self._failed)
        self.page.on("request", self._request)

    def _console(self, message) -> None:
        if message.type in ("error", "warning"):
            self.errors.append(f"console {message.type}: {message.text}")

    def _failed(self, request) -> None:
        # Leaving a page cancels what it still loads (such as the icon): not a fault.
        if request.failure != "net::ERR_ABORTED":
            self.errors.append(f"failed: {request.url} ({request.failure})")

    def _request(self, request) -> None:
        if not request.url.startswith(self.base) and not request.url.startswith("data:"):
            self.errors.append(f"request leaves the site: {request.url}")

    def open(self, name: str) -> None:
        """Go to a page of the site by its file name."""
        self.page.goto(self.base + name)

    def follow(self, locator) -> None:
        """Click or press Enter on a link and wait for the page it leads to."""
        with self.page.expect_navigation():
            locator()

    def arrive(self, link) -> str:
        """Follow a link; give the file it leads to: the page it opens or, for a link that
        downloads over HTTP, the file it saves (from disk, Chromium opens that one too)."""
        if link.get_attribute("download") is not None and not self.base.startswith("file:"):
            with self.page.expect_download() as download:
                link.click()
            return download.value.suggested_filename
        self.follow(link.click)
        return self.here()

    def here(self) -> str:
        """Return the current page's file name, without query or fragment."""
        return urlsplit(self.page.url).path.rsplit("/", 1)[-1]

    def close(self) -> None:
        self.context.close()


def page_names(site: Path) -> list[str]:
    """List the HTML pages of the built site; the single file has its own tests."""
    return sorted(
        p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.name != SINGLE_FILE
    )


def axe_violations(page, axe_source: str) -> list[str]:
    """Run axe-core with the WCAG 2.0-2.2 A and AA rules and describe each violation."""
    page.evaluate(axe_source)
    # No preload: axe would fetch the style sheets with XHR, which file:// and the CSP forbid.
    result = page.evaluate(
        "o => axe.run(document, o)",
        {
            "runOnly": {"type": "tag", "values": WCAG_TAGS},
            "resultTypes": ["violations"],
            "preload": False,
        },
    )
    return [
        f"{v['id']}: {v['help']} ({', '.join(n['target'][0] for n in v['nodes'])})"
        for v in result["violations"]
    ]


def focused_outline(page) -> dict:
    """Describe the focused element: its text, whether it is :focus-visible, its outline."""
    return page.evaluate("""() => {
        const el = document.activeElement;
        const style = getComputedStyle(el);
        return {text: el.textContent.trim(), tag: el.tagName,
                visible: el.matches(':focus-visible'),
                outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2};
    }""")


def tab_to(page, label: str, where: str, passing: tuple[str, ...] = ("BODY",)) -> None:
    """Press Tab until the link with this text has the focus, each focus visibly outlined.

    Focus on a tag in passing is skipped: BODY is where Tab goes past the last link into
    the browser's own interface.
    """
    for _ in range(40):
        page.keyboard.press("Tab")
        focus = focused_outline(page)
        if focus["tag"] in passing:
            continue
        assert focus["visible"] and focus["outline"], focus
        if focus["tag"] == "A" and focus["text"] == label:
            return
    pytest.fail(f"no link '{label}' reached with Tab on {where}")


KEYBOARD_ROUTE = [
    "Start",
    "Volgende",
    "Genoeg",
    "De burger is gelijkwaardige partner - meebeslissen",
    "Volgende",
    "Algemeen publiek/de burgers",
    "Volgende",
    "Ja",
    "Volgende",
]


ROUTE_WEINIG = [
    "Start",
    "Volgende",
    "Weinig",
    "Volgende",
    "De burgers mogen hun mening geven, het bestuur beslist - raadplegen",
    "Volgende",
    "Specifieke doelgroep",
    "Volgende",
    "Volgende",
    "Nee",
    "Volgende",
]


# The end page of the seed has a copy per outcome (its title by the route, see einde.md),
# named by the node and a situation code (unfold.situation_code): 'einde-kvbjn'.
COPY = "(-[b-df-hj-np-tv-z]{5,})?"
# What the end leads with on each route of ROUTES_TO_THE_END: the outcome, its title.
OUTCOME_TITLES = {
    "weinig": "De JenV-brede Werkagenda kan je hierbij helpen!",  # ROUTE_WEINIG ends on Nee
    "geen": "Geen traject starten",
    "genoeg": "Je kan aan de slag!",  # KEYBOARD_ROUTE ends on Ja
}


def is_copy_of(name: str, node_id: str) -> bool:
    """Tell whether a page's name or a section's id is the node's own or one of its copies."""
    stem = name.removesuffix(".html")
    return re.fullmatch(re.escape(node_id) + COPY, stem) is not None
