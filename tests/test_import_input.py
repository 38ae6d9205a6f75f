"""Hostile or odd files given to the importer: it writes only inside the new folder, in
bounded time and memory, and says in Dutch, with file and line, what it can't convert."""

from __future__ import annotations

import json
import subprocess
import sys

import yaml

from beslisboom.importer import convert
from beslisboom.pipeline import format_problem
from conftest import ROOT

TREE = (
    "name: Boom\nquestions:\n"
    "  - questionId: {question}\n    question: Vraag?\n    answers:\n"
    "      - answer: Ja\n        nextConclusionId: {conclusion}\n"
    "conclusions:\n  - conclusionId: {conclusion}\n    conclusion: Klaar.\n"
)


def run_import(tree, content):
    command = [sys.executable, str(ROOT / "build.py"), "import", str(tree), "--content"]
    return subprocess.run([*command, str(content)], capture_output=True, text=True, timeout=120)


def test_ids_that_point_elsewhere_become_file_names_inside_the_new_folder(tmp_path):
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    (elsewhere / "README.md").write_text("van iemand anders", encoding="utf-8")
    tree = tmp_path / "boom.yaml"
    tree.write_text(
        TREE.format(question='"/../../../elders/README"', conclusion='"..\\\\..\\\\C:/x"'),
        encoding="utf-8",
    )
    content = tmp_path / "a" / "b" / "nieuw"
    done = run_import(tree, content)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert (elsewhere / "README.md").read_text(encoding="utf-8") == "van iemand anders"
    written = sorted(p.relative_to(content).as_posix() for p in content.rglob("*.md"))
    assert written == ["conclusies/conclusie-C-x.md", "start.md", "vragen/vraag-elders-README.md"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "boom.yaml", "elders"]


def test_an_alias_bomb_is_refused_at_once(tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 10)]
    lines += ["questions: *a9"]
    tree = tmp_path / "bom.yaml"
    tree.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert len(tree.read_bytes()) < 1100
    problems = [format_problem(p) for p in convert(tree).problems]
    assert problems == [
        f"{tree.as_posix()}:1: fout: dit bestand zou door zijn verwijzingen (&naam en *naam) "
        "meer dan 200.000 waarden worden; zo'n bestand leest de build niet: schrijf de "
        "verwijzingen uit, of controleer waar het bestand vandaan komt"
    ]


def test_labels_that_read_alike_get_short_names_that_read_back(tmp_path):
    labels = [f"label{'!' * (n % 7)}{'?' * (n // 7)}" for n in range(1200)]
    answers = "".join(
        f"      - answer: 'A{n}'\n        labels: [{json.dumps(label)}]\n"
        f"        nextConclusionId: '2'\n"
        for n, label in enumerate(labels)
    )
    tree = tmp_path / "boom.yaml"
    tree.write_text(
        "name: Boom\nquestions:\n  - questionId: '1'\n    question: Vraag?\n    answers:\n"
        + answers
        + "conclusions:\n  - conclusionId: '2'\n    conclusion: Klaar.\n",
        encoding="utf-8",
    )
    conversion = convert(tree)
    assert conversion.problems == []
    settings = yaml.safe_load(conversion.files["site.yml"])
    assert len(settings["labels"]) == 1200
    assert max(len(name) for name in settings["labels"]) <= len("label-2000")
    assert sorted(settings["labels"].values()) == sorted(labels)


def test_a_file_of_the_wrong_shape_gets_dutch_messages_with_lines(tmp_path):
    tree = tmp_path / "vorm.yaml"
    tree.write_text(
        "name: Boom\nquestions:\n"
        "  - questionId: '1'\n    question: Vraag?\n    answers: geen lijst\n"
        "  - question: Zonder id?\n"
        "  - questionId: '3'\n    question: Vraag 3?\n    answers:\n"
        "      - gewoon tekst\n"
        "      - answer: Ja\n        labels: {a: b}\n        nextConclusionId: '2'\n"
        "      - answer: Nee\n        redirects: tekst\n"
        "conclusions:\n  - conclusion: Zonder id.\n  - conclusionId: '2'\n    conclusion: K.\n",
        encoding="utf-8",
    )
    done = run_import(tree, tmp_path / "nieuw")
    assert "Traceback" not in done.stderr and "Error" not in done.stderr
    name = tree.as_posix()
    shape = "heeft niet de vorm van het MinBZK-formaat"
    fix = "en is niet omgezet; verbeter het bestand, of zet dit deel zelf over in de pagina's"
    for line in (
        f"{name}:3: fout: een vraag {shape} ('answers' is geen lijst) {fix}",
        f"{name}:6: fout: een vraag {shape} (zonder questionId) {fix}",
        f"{name}:7: fout: een antwoord {shape} (geen lijst van sleutels) {fix}",
        f"{name}:11: fout: een antwoord {shape} ('labels' is geen lijst) {fix}",
        f"{name}:14: fout: een antwoord {shape} ('redirects' is geen lijst) {fix}",
        f"{name}:17: fout: een conclusie {shape} (zonder conclusionId) {fix}",
    ):
        assert line in done.stderr.replace(str(tree), name), done.stderr


def test_a_file_with_nothing_to_convert_is_one_message_and_writes_nothing(tmp_path):
    tree = tmp_path / "leeg.yaml"
    tree.write_text("questions:\n  - questionId: [1, 2]\n    answers: {a: b}\n", "utf-8")
    done = run_import(tree, tmp_path / "nieuw")
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"{tree}:2: fout: een vraag heeft niet de vorm van het MinBZK-formaat (zonder "
        "questionId) en is niet omgezet; verbeter het bestand, of zet dit deel zelf over in "
        "de pagina's"
    ]
    assert done.stdout == "" and not (tmp_path / "nieuw").exists()


OLD_STYLE = """\
version: 0.9
name: Oude beslishulp
questions:
  - questionId: "2.9"
    question: "Moet het systeem voldoen aan de transparantieverplichtingen?"
    simplifiedQuestion: "Transparantieverplichting"
    answers:
      - answer: Ja
        nextQuestionId: "2.10"
      - answer: Nee
        labels: ["aanbieder & gebruiksverantwoordelijke"]
        nextConclusionId: "1"
  - questionId: "2.10"
    question: "Is er een uitzondering mogelijk?"
    answers:
      - answer: Ja
        nextConclusionId: "2"
      - answer: Nee
        nextQuestionId: "2.11"
  - questionId: "2.11"
    question: "Is de toepassing open-source?"
    answers:
      - answer: Ja
        redirects:
          - nextConclusionId: "1"
            if: '"aanbieder & gebruiksverantwoordelijke" in labels && "gebruiker" in labels'
          - nextConclusionId: "2"
            if: '"aanbieder & gebruiksverantwoordelijke" in labels || !("gebruiker" in labels)'
      - answer: Nee
        redirects:
          - nextQuestionId: "2.9"
            if: '!("transparantieverplichting" in labels)'
          - nextConclusionId: "1"
            if: '"aanbieder & gebruiksverantwoordelijke" in labels'
conclusions:
  - conclusionId: "1"
    conclusion: "Eén."
  - conclusionId: "2"
    conclusion: "Twee."
"""


def test_an_older_version_imports_whole_and_its_endless_loop_is_named(tmp_path):
    """Older MinBZK versions: a label with '&', 'simplifiedQuestion', conditions on labels
    no answer sets; and the loop of MinBZK's #350 (2.9 -> 2.10 -> 2.11 -> 2.9 with the same
    labels for ever), which check warns about with its route."""
    tree = tmp_path / "oud.yaml"
    tree.write_text(OLD_STYLE, encoding="utf-8")
    content = tmp_path / "oud"
    done = run_import(tree, content)
    assert done.returncode == 0, done.stderr
    assert "niet omgezet" not in done.stderr  # every part converted
    assert (
        f'{tree.as_posix()}:31: waarschuwing: de voorwaarde \'!("transparantieverplichting" in '
        "labels)' test het label 'transparantieverplichting' dat geen antwoord zet; zoals in "
        "het origineel is dat er dus nooit, en de keuze geldt altijd: controleer of een ander "
        "label bedoeld is"
    ) in done.stderr
    assert (
        f"{tree.as_posix()}:25: waarschuwing: de voorwaarde '\"aanbieder & "
        'gebruiksverantwoordelijke" in labels && "gebruiker" in labels\' test het label '
        "'gebruiker' dat geen antwoord zet; zoals in het origineel is dat er dus nooit, en de "
        "keuze geldt nooit"
    ) in done.stderr
    said = {line.split(": ")[0].rsplit(":", 1)[1]: line for line in done.stderr.splitlines()[:3]}
    assert said["27"].endswith("en de keuze geldt altijd: controleer of een ander label bedoeld is")
    question = (content / "vragen" / "vraag-2.11.md").read_text(encoding="utf-8")
    # 'a && gebruiker' never holds: left out; 'a || !gebruiker' always: no condition left;
    # '!transparantieverplichting' always, so the reader is sent back to 2.9 whatever
    assert question == (
        "---\n"
        'title: "Is de toepassing open-source?"\n'
        "options:\n"
        '  - label: "Ja"\n'
        "    next:\n"
        "      - next: conclusie-2\n"
        '  - label: "Nee"\n'
        "    next:\n"
        "      - next: vraag-2.9\n"
        "---\n"
    )
    assert 'version: "0.9"' in (content / "site.yml").read_text(encoding="utf-8")
    first = (content / "vragen" / "vraag-2.9.md").read_text(encoding="utf-8")
    assert 'topic: "Transparantieverplichting"' in first
    assert "labels: [aanbieder-gebruiksverantwoordelijke]" in first
    loop = [line for line in done.stderr.splitlines() if "eindeloos" in line]
    assert loop == [
        f"{(content / 'vragen' / 'vraag-2.11.md').as_posix()}:9: waarschuwing: wie na "
        "'Start' steeds dezelfde antwoorden geeft, gaat hier eindeloos rond: vraag-2.9 → "
        "vraag-2.10 → vraag-2.11 → vraag-2.9, met de antwoorden 'Ja' → 'Nee' → 'Nee'; laat "
        "een van die antwoorden of voorwaarden dan verder leiden, of maak de weg terug een "
        "bewuste keuze op een pagina zonder vraag (zoals 'Kies een andere rol')"
    ]


def test_conditions_on_labels_no_answer_sets_are_worked_out_as_the_original_does():
    from beslisboom.importer import jexl_condition

    labels = {"a": "a", "b": "b", "c d": "c-d"}
    cases = {
        '"a" in labels': (("a", ""), []),
        '"a" in labels && !("b" in labels)': (("a en niet b", "en"), []),
        '("a" in labels || "b" in labels) && "c d" in labels': (("(a of b) en c-d", "en"), []),
        '!("a" in labels || "b" in labels)': (("niet (a of b)", "niet"), []),
        '"x" in labels': (False, ["x"]),
        '!("x" in labels)': (True, ["x"]),
        '"a" in labels && "x" in labels': (False, ["x"]),
        '"a" in labels || "x" in labels': (("a", ""), ["x"]),
        '!("x" in labels) && "b" in labels': (("b", ""), ["x"]),
    }
    for condition, expected in cases.items():
        assert jexl_condition(condition, labels) == expected, condition
    for unreadable in ('"a" in labels &&', '("a" in labels', "labels.length > 1", "a || b"):
        assert jexl_condition(unreadable, labels) is None, unreadable


def test_the_original_s_phases_become_named_steps(tmp_path):
    """A question's category is its phase: numbered in order, named from categories.yaml
    beside the tree; an in-between screen of an unnamed category joins the next phase."""
    tree = tmp_path / "boom.yaml"
    tree.write_text(
        "name: Fasen\nquestions:\n"
        "  - questionId: '1'\n    question: Een?\n    category: van_toepassing\n"
        "    answers:\n      - answer: Ja\n        nextQuestionId: '2'\n"
        "  - questionId: '2'\n    question: Tussen?\n    category: tussenscherm\n"
        "    answers:\n      - answer: Verder\n        nextQuestionId: '3'\n"
        "  - questionId: '3'\n    question: Drie?\n    category: risicogroep\n"
        "    answers:\n      - answer: Ja\n        nextConclusionId: '9'\n"
        "conclusions:\n  - conclusionId: '9'\n    conclusion: Klaar.\n",
        encoding="utf-8",
    )
    (tmp_path / "categories.yaml").write_text(
        "- questionId: '1'\n  category: Geldt de wet voor mij?\n"
        "- questionId: '3'\n  category: Welke groep?\n",
        encoding="utf-8",
    )
    content = tmp_path / "nieuw"
    done = run_import(tree, content)
    assert done.returncode == 0, done.stderr
    site = (content / "site.yml").read_text(encoding="utf-8")
    assert 'steps:\n  - "Geldt de wet voor mij?"\n  - "Welke groep?"\n' in site
    steps = {
        path.stem: next(line for line in path.read_text().splitlines() if line.startswith("step"))
        for path in (content / "vragen").glob("*.md")
    }
    assert steps == {"vraag-1": "step: 1", "vraag-2": "step: 2", "vraag-3": "step: 2"}
    out = tmp_path / "site"
    built = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--content", str(content), "--out", str(out)],
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr
    page = next(out.glob("vraag-3*.html")).read_text(encoding="utf-8")
    assert '<p class="step">Stap 2 van 2: Welke groep?</p>' in page
    assert "Stap 1: Geldt de wet voor mij?" in (out / "overzicht.html").read_text(encoding="utf-8")
