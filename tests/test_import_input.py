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
    assert written == ["conclusies/conclusie-C-x.md", "vragen/vraag-elders-README.md"]
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
