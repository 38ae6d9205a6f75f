"""Pictures and attachments beside the Markdown: copied into the site, inside the single file."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest

from beslisboom.cli import main
from beslisboom.pipeline import check, format_problem
from conftest import project_for, write_content
from helpers import SMALL, axe_violations, snapshot
from htmlcheck import broken_references

# A 1x1 PNG, as an editor's picture would be.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
PDF = b"%PDF-1.4\n% een formulier\n"
BODY = (
    "![Schema van de drie stappen](schema.png)\n\n"
    "Vul [het formulier (PDF)](bijlagen/formulier.pdf) in.\n"
)


def media_files(body: str) -> dict[str, str | bytes]:
    """Give the small tree with its question in stappen/, this text below it, and a picture."""
    files: dict[str, str | bytes] = {**SMALL}
    files["stappen/vraag.md"] = files.pop("vraag.md") + body
    files["stappen/schema.png"] = PNG
    return files


def media_tree(make_tree) -> Path:
    """Write the small tree with a picture and a PDF linked from its question."""
    return make_tree({**media_files(BODY), "stappen/bijlagen/formulier.pdf": PDF})


def test_pictures_and_attachments_are_copied_and_linked(make_tree, tmp_path):
    content = media_tree(make_tree)
    out = tmp_path / "dist"
    assert main(["build", "--content", str(content), "--out", str(out)]) == 0
    files = snapshot(out)
    assert files["bestanden/stappen/schema.png"] == PNG
    assert files["bestanden/stappen/bijlagen/formulier.pdf"] == PDF
    vraag = files["vraag.html"].decode()
    assert '<img alt="Schema van de drie stappen" src="bestanden/stappen/schema.png"' in vraag
    assert '<a href="bestanden/stappen/bijlagen/formulier.pdf">het formulier (PDF)</a>' in vraag
    assert broken_references(out) == []


def test_the_single_file_carries_them_inside(make_tree, tmp_path):
    content = media_tree(make_tree)
    out = tmp_path / "dist"
    assert main(["build", "--content", str(content), "--out", str(out)]) == 0
    single = (out / "testboom.html").read_text(encoding="utf-8")
    png = base64.b64encode(PNG).decode()
    assert f'src="data:image/png;base64,{png}"' in single
    pdf = base64.b64encode(PDF).decode()
    assert f'href="data:application/pdf;base64,{pdf}" download="formulier.pdf"' in single
    assert "img-src data:" in re.search(
        r'http-equiv="Content-Security-Policy" content="([^"]+)"', single
    ).group(1)


MISTAKES = "![](schema.png)\n\n![Kaart](kaart.png)\n\n[Groot](groot.pdf)\n"
LIMIT = "title: Testboom\nstart: start\nlimits:\n  attachment_mb: 1\n"


def media_messages(content: Path) -> list[str]:
    """Check a tree with a picture without text, a missing one and a huge attachment."""
    files = {**media_files(MISTAKES), "stappen/groot.pdf": b"x" * (2 * 2**20)}
    write_content(content, files, LIMIT)
    return [format_problem(p) for p in check(project_for(content)).problems]


def test_missing_files_pictures_without_text_and_huge_attachments_are_errors(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    found = media_messages(tmp_path / "content")
    assert found == [
        "content/stappen/vraag.md:11: fout: de afbeelding schema.png heeft geen beschrijving; "
        "wie haar niet ziet, mist wat erop staat: schrijf tussen de [ ] wat de afbeelding laat "
        "zien, zoals ![Schema van de stappen](schema.png)",
        "content/stappen/vraag.md:13: fout: het bestand kaart.png bestaat niet; zet het naast "
        "de pagina in content/, of verbeter de naam (let op hoofdletters)",
        "content/stappen/vraag.md:15: fout: het bestand groot.pdf is 2 MB, meer dan de 1 MB die "
        "in het ene bestand mag (limits: attachment_mb in site.yml); maak het kleiner of "
        "verhoog de grens",
    ]


def test_a_page_with_a_picture_is_accessible_in_both_editions(
    make_tree, tmp_path, browser, axe_source
):
    content = media_tree(make_tree)
    out = tmp_path / "dist"
    assert main(["build", "--content", str(content), "--out", str(out)]) == 0
    context = browser.new_context()
    tab = context.new_page()
    for address in ((out / "vraag.html").as_uri(), (out / "testboom.html").as_uri() + "#vraag"):
        tab.goto(address)
        image = tab.locator("img:visible").first
        assert image.evaluate("img => img.complete && img.naturalWidth") == 1
        assert axe_violations(tab, axe_source) == []
    context.close()


def test_a_new_tree_shows_every_feature_and_builds_without_a_word(tmp_path, capsys):
    tree = tmp_path / "mijn-boom"
    assert main(["nieuw", str(tree)]) == 0
    assert main(["check", "--content", str(tree)]) == 0
    assert capsys.readouterr().err == ""  # not even a warning
    out = tmp_path / "site"
    assert main(["build", "--content", str(tree), "--out", str(out)]) == 0
    files = snapshot(out)
    question, explained, end = (
        files[n].decode() for n in ("1-vraag.html", "2-uitleg.html", "einde.html")
    )
    assert 'class="hint"' in question and '<img alt="Schema: een vraag' in question
    assert '<a href="1-vraag.html">de vraag</a>' in explained
    assert 'href="bestanden/stappen/voorbeeld.txt"' in explained
    assert 'class="contact"' in end
    assert broken_references(out) == []


def test_a_new_tree_needs_a_new_or_empty_folder(tmp_path, capsys):
    (tmp_path / "vol").mkdir()
    (tmp_path / "vol" / "brief.txt").write_text("van iemand", encoding="utf-8")
    for argv in (["nieuw"], ["nieuw", str(tmp_path / "vol")]):
        with pytest.raises(SystemExit) as stop:
            main(argv)
        assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "nieuw heeft een map nodig, zoals: python build.py nieuw mijn-boom" in err
    assert "bestaat al en is niet leeg; kies een nieuwe map" in err
    assert (tmp_path / "vol" / "brief.txt").read_text(encoding="utf-8") == "van iemand"


def test_the_new_tree_is_accessible(tmp_path, browser, axe_source):
    tree, out = tmp_path / "boom", tmp_path / "site"
    assert main(["nieuw", str(tree)]) == 0
    assert main(["build", "--content", str(tree), "--out", str(out)]) == 0
    context = browser.new_context()
    tab = context.new_page()
    single = (out / "mijn-beslisboom.html").as_uri()
    for address in [
        (out / f"{n}.html").as_uri() for n in ("index", "1-vraag", "2-uitleg", "einde")
    ] + [single + "#1-vraag"]:
        tab.goto(address)
        assert axe_violations(tab, axe_source) == [], address
    context.close()


def test_names_with_spaces_and_quotes_and_a_table_reach_the_site(make_tree, tmp_path):
    body = (
        "![Mijn schema](<mijn schema.png>)\n\n"
        'Lees [het "plan"](<plan "2026".pdf>).\n\n'
        "| Rol | Wie |\n|---|---|\n| Meedenken | Burgers |\n"
    )
    content = make_tree(
        {**media_files(body), "stappen/mijn schema.png": PNG, 'stappen/plan "2026".pdf': PDF}
    )
    out = tmp_path / "dist"
    assert main(["build", "--content", str(content), "--out", str(out)]) == 0
    html = (out / "vraag.html").read_text(encoding="utf-8")
    assert '<img alt="Mijn schema" src="bestanden/stappen/mijn%20schema.png">' in html
    assert 'href="bestanden/stappen/plan%20%222026%22.pdf"' in html
    assert (out / "bestanden" / "stappen" / "mijn schema.png").read_bytes() == PNG
    assert (out / "bestanden" / "stappen" / 'plan "2026".pdf').read_bytes() == PDF
    assert "<th>Rol</th>" in html and "<td>Burgers</td>" in html
    assert broken_references(out) == []


# A picture 2,000 pixels wide and 100 high, as a scanned schema would be.
WIDE_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="2000" height="100">'
    '<rect width="2000" height="100" fill="#036"/></svg>\n'
)


def test_a_wide_picture_fits_a_narrow_screen_in_both_editions(make_tree, tmp_path, browser):
    """WCAG 1.4.10 (reflow): at 320 px nothing scrolls sideways, a wide picture included."""
    body = "![Een breed schema van alle stappen](breed.svg)\n"
    content = make_tree({**media_files(body), "stappen/breed.svg": WIDE_SVG})
    out = tmp_path / "dist"
    assert main(["build", "--content", str(content), "--out", str(out)]) == 0
    context = browser.new_context(viewport={"width": 320, "height": 640})
    tab = context.new_page()
    for address in ((out / "vraag.html").as_uri(), (out / "testboom.html").as_uri() + "#vraag"):
        tab.goto(address)
        picture = tab.locator("img[alt^='Een breed schema']:visible")
        box = picture.bounding_box()
        assert box is not None and 0 < box["width"] <= 320 and box["height"] > 0
        assert box["height"] < 100  # scaled down with its width, not squeezed
        sideways = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        assert tab.evaluate(sideways) <= 0
    context.close()
