"""Convert a decision tree in the MinBZK YAML format into a content folder of our own.

`python build.py import decision-tree.yaml --content DIR` writes one Markdown file per
question (vragen/) and conclusion (conclusies/), and a site.yml. Answers keep their labels,
`redirects` become conditional nexts, a conclusion's obligation and sources become its
text, an answer's subresult becomes a part of every conclusion shown when that answer
was given. What cannot be converted is listed with its file and line, never dropped.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from .conditions import applies, is_label, parse
from .messages import reason, say
from .model import Problem
from .text import FILL_IN
from .urls import slug
from .yamlfile import (
    MAX_NODES,
    TooLarge,
    describe_yaml_error,
    error_line,
    unfolded_size,
)

# simplifiedQuestion: older versions' short name of a question for the result, our topic
QUESTION_KEYS = {
    "questionId",
    "question",
    "explanation",
    "answers",
    "sources",
    "simplifiedQuestion",
}
QUESTION_IGNORED = {"category", "subcategory"}  # the original's own page layout
ANSWER_KEYS = {"answer", "labels", "nextQuestionId", "nextConclusionId", "redirects", "subresult"}
CONCLUSION_KEYS = {"conclusionId", "conclusion", "obligation", "sources"}
JEXL_TOKEN = re.compile(r'\s*(?:"([^"]*)"\s+in\s+labels\b|(&&)|(\|\|)|(!)|(\()|(\)))')


class Lines(dict):
    """A mapping from the YAML file that knows its line."""

    line = 0


class LineLoader(yaml.SafeLoader):
    """Read YAML into Lines, so that every question and answer knows where it was written.

    A document whose aliases would unfold into more than MAX_NODES values is refused before
    anything is built from it: a few lines of '&a [*b, *b, ...]' can otherwise fill the
    memory.
    """

    def compose_document(self) -> yaml.Node | None:  # PyYAML's public composer step
        node = super().compose_document()
        if node is not None and unfolded_size(node, {}) > MAX_NODES:
            raise TooLarge(node.start_mark.line + 1)
        return node


def construct_lines(loader: LineLoader, node: yaml.MappingNode) -> Lines:
    mapping = Lines(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + 1
    return mapping


LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_lines)


@dataclass
class Conversion:
    """The files to write (path in the content folder -> text) and what was left out."""

    source: Path
    files: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    notes: int = 0  # of the problems: what was converted, but for the editor to check

    def unknown_keys(self, item: Lines, known: set[str], whose: str) -> None:
        """List every key of an item beyond the format: "'extra' van antwoord 'Nee'"."""
        for key in item:
            if key not in known:
                self.left_out(item.line, f"'{key}' van {whose}")

    def misshapen(self, line: int, message: str) -> None:
        """Report a part that has not the format's shape; it is left out."""
        self.problems.append(Problem(self.source, line, message))

    def note(self, line: int, message: str) -> None:
        """Report something the editor should check in what was converted."""
        self.notes += 1
        self.problems.append(Problem(self.source, line, message, severity="waarschuwing"))

    def left_out(self, line: int, what: str) -> None:
        self.problems.append(
            Problem(
                self.source, line, say("import-overgeslagen", what=what), severity="waarschuwing"
            )
        )


def convert(source: Path) -> Conversion:
    """Read a MinBZK decision tree and make our content files from it."""
    conversion = Conversion(source)
    try:
        text = source.read_text(encoding="utf-8-sig")
        data = yaml.load(text, Loader=LineLoader)  # noqa: S506 - LineLoader is a SafeLoader
    except OSError as error:
        why = say("niet-leesbaar", reason=reason(error))
        conversion.problems.append(Problem(source, None, why))
        return conversion
    except UnicodeDecodeError:
        conversion.problems.append(Problem(source, None, say("geen-utf8")))
        return conversion
    except TooLarge as large:
        conversion.problems.append(Problem(source, large.line, say("yaml-te-groot")))
        return conversion
    except yaml.YAMLError:
        line, message = describe_yaml_error(text, error_line(text))
        conversion.problems.append(Problem(source, line + 1, message))
        return conversion
    if not isinstance(data, dict) or not isinstance(data.get("questions"), list):
        conversion.problems.append(Problem(source, 1, say("import-geen-boom")))
        return conversion
    questions = well_formed(data["questions"], "questionId", "een vraag", conversion)
    conclusions = well_formed(data.get("conclusions"), "conclusionId", "een conclusie", conversion)
    ids = file_names([q["questionId"] for q in questions], "vraag")
    ends = file_names([c["conclusionId"] for c in conclusions], "conclusie")
    labels = label_names(questions)
    listed = read_categories(source.parent / CATEGORIES)
    steps, step_names = phases(questions, listed)
    groups = label_groups(questions, listed)
    subresults = []
    routes: dict[str, list[tuple[tuple[str, ...], Any]]] = {}  # page id -> its answers' ways
    for question in questions:
        step = steps.get(str(question["questionId"]))
        page, found, ways = question_page(question, ids, ends, labels, conversion, step)
        conversion.files[f"vragen/{ids[str(question['questionId'])]}.md"] = page
        subresults += found
        routes[ids[str(question["questionId"])]] = ways
    start = ids[str(questions[0]["questionId"])] if questions else "start"
    arrive = arrivals(start, routes)
    titles = conclusion_titles(conclusions)
    for conclusion, title in zip(conclusions, titles, strict=True):
        here = arrive.get(ends[str(conclusion["conclusionId"])], set())
        shown = [(name, text) for name, text in subresults if name in here]
        page = conclusion_page(conclusion, title, shown, conversion)
        conversion.files[f"conclusies/{ends[str(conclusion['conclusionId'])]}.md"] = page
    title = str(data.get("name") or source.stem)
    if questions:
        conversion.files[f"{START}.md"] = start_page(title, start)
        start = START
    version = data.get("version")
    version = str(version) if isinstance(version, SCALAR) and str(version).strip() else ""
    conversion.files["site.yml"] = site_file(
        title, start, labels, source, version, step_names, groups
    )
    return conversion


SCALAR = (str, int, float)
UNSAFE = re.compile(r"[^A-Za-z0-9.]+|\.{2,}")  # what may not be in a file name of ours
MAX_NAME = 60  # characters of the original's id kept in a page's name


def well_formed(items: Any, key: str, what: str, conversion: Conversion) -> list[Lines]:
    """Keep the items that have the format's shape (a mapping with an id, lists where the
    format has lists); report the others and every part that is not of its kind."""
    if items is None:
        return []
    if not isinstance(items, list):
        conversion.misshapen(1, say("import-vorm", what=what, why="geen lijst"))
        return []
    kept = []
    for item in items:
        if not isinstance(item, Lines) or not isinstance(item.get(key), SCALAR):
            line = item.line if isinstance(item, Lines) else 1
            conversion.misshapen(line, say("import-vorm", what=what, why=f"zonder {key}"))
            continue
        only_lists(item, ("answers", "sources", "labels", "redirects"), what, conversion)
        if "answers" in item:
            item["answers"] = [
                answer
                for answer in item["answers"]
                if shaped(answer, "een antwoord", conversion, item.line)
            ]
            for answer in item["answers"]:
                answer["redirects"] = [
                    redirect
                    for redirect in answer.get("redirects") or []
                    if shaped(redirect, "een redirect", conversion, answer.line)
                ]
                answer["labels"] = [
                    label for label in answer.get("labels") or [] if isinstance(label, SCALAR)
                ]
        kept.append(item)
    return kept


def shaped(item: Any, what: str, conversion: Conversion, line: int) -> bool:
    """Tell whether a part is a mapping (with lists where the format has lists)."""
    if not isinstance(item, Lines):
        conversion.misshapen(line, say("import-vorm", what=what, why="geen lijst van sleutels"))
        return False
    only_lists(item, ("labels", "redirects"), what, conversion)
    return True


def only_lists(item: Lines, list_keys: tuple[str, ...], what: str, conversion: Conversion) -> None:
    """Report each of these keys whose value is not a list, and leave it out (empty)."""
    for list_key in list_keys:
        if list_key in item and not isinstance(item[list_key], list):
            why = f"'{list_key}' is geen lijst"
            conversion.misshapen(item.line, say("import-vorm", what=what, why=why))
            item[list_key] = []


def file_names(values: list[Any], prefix: str) -> dict[str, str]:
    """Give every id of the original a page name of its own that is a plain, safe file
    name in the new folder: 'vraag-1.2'; '/../x' becomes 'vraag-x', and names that would
    be alike (also in other capitals, as Windows sees them) get a number."""
    names: dict[str, str] = {}
    used: set[str] = set()
    for value in values:
        key = str(value)
        if key in names:
            continue
        base = f"{prefix}-{UNSAFE.sub('-', key[:MAX_NAME]).strip('-.') or 'zonder-naam'}"
        name, number = base, 1
        while name.lower() in used:
            number += 1
            name = f"{base}-{number}"
        used.add(name.lower())
        names[key] = name
    return names


def label_names(questions: list[Lines]) -> dict[str, str]:
    """Give every label of the original a word usable in a condition: 'geen algoritme' ->
    'geen-algoritme'. The original's own text stays as the words a result shows."""
    names: dict[str, str] = {}
    used: set[str] = set()
    for question in questions:
        for answer in question.get("answers") or []:
            for label in answer.get("labels") or []:
                text = str(label)
                if text in names:
                    continue
                base = slug(text[:MAX_NAME])
                base = base if is_label(base) and base[0].isalpha() else f"label-{base}"
                name, number = base, 1
                while name in used:
                    number += 1
                    name = f"{base}-{number}"
                used.add(name)
                names[text] = name
    return names


def question_page(
    question: Lines,
    ids: dict[str, str],
    ends: dict[str, str],
    labels: dict[str, str],
    conversion: Conversion,
    step: int | None = None,
) -> tuple[str, list[tuple[str, str]], list[tuple[tuple[str, ...], Any]]]:
    """Write one question's page; give the subresults of its answers (label, text) and
    each answer's labels and branches (for arrivals)."""
    known = QUESTION_KEYS | QUESTION_IGNORED
    conversion.unknown_keys(question, known, f"vraag {question['questionId']}")
    front = [f"title: {quoted(question.get('question') or question['questionId'])}"]
    if step:
        front.append(f"step: {step}")
    if question.get("simplifiedQuestion"):
        front.append(f"topic: {quoted(question['simplifiedQuestion'])}")
    front.append("options:")
    subresults = []
    ways = []
    for number, answer in enumerate(question.get("answers") or [], start=1):
        conversion.unknown_keys(answer, ANSWER_KEYS, f"antwoord '{answer.get('answer')}'")
        front.append(f"  - label: {quoted(answer.get('answer', ''))}")
        names = [labels[str(label)] for label in answer.get("labels") or []]
        if answer.get("subresult"):
            own = UNSAFE.sub("-", str(question["questionId"])[:MAX_NAME]).strip("-.")
            name = f"subresultaat-{own}-{number}".replace(".", "-")
            names.append(name)
            subresults.append((name, str(answer["subresult"])))
        if names:
            front.append(f"    labels: [{', '.join(names)}]")
        lines, branches = answer_next(answer, ids, ends, labels, conversion)
        front += lines
        ways.append((tuple(names), branches))
    body = [text_of(question.get("explanation") or "")]
    sources = sources_of(question.get("sources"))
    if sources:  # after the answers: a reader answers first, and reads the law if need be
        body.append(f"::: onder de antwoorden\n{sources}\n:::")
    return page(front, body), subresults, ways


def arrivals(
    start: str, routes: dict[str, list[tuple[tuple[str, ...], Any]]]
) -> dict[str, set[str]]:
    """Walk every route of the converted tree; give each page the labels a reader may
    carry when arriving there (to place an answer's subresult on the conclusions it
    reaches, and nowhere else)."""
    found: dict[str, set[str]] = {}
    seen: set[tuple[str, frozenset[str]]] = set()
    stack: list[tuple[str, frozenset[str]]] = [(start, frozenset())]
    while stack:
        state = stack.pop()
        if state in seen:
            continue
        seen.add(state)
        page_id, labels = state
        found.setdefault(page_id, set()).update(labels)
        for names, branches in routes.get(page_id, []):
            gathered = labels | set(names)
            target = next((t for when, t in branches if applies(when, gathered)), None)
            if target is not None:
                stack.append((target, gathered))
    return found


def answer_next(
    answer: Lines,
    ids: dict[str, str],
    ends: dict[str, str],
    labels: dict[str, str],
    conversion: Conversion,
) -> tuple[list[str], list[tuple[Any, str]]]:
    """Write where an answer leads: a page, or the redirects as 'next' with 'when'; give
    the lines and the branches (condition or None, target)."""
    target = target_of(answer, ids, ends, conversion)
    if target:
        return [f"    next: {target}"], [(None, target)]
    lines = ["    next:"]
    branches: list[tuple[Any, str]] = []
    for redirect in answer.get("redirects") or []:
        target = target_of(redirect, ids, ends, conversion)
        condition = str(redirect.get("if", ""))
        read = jexl_condition(condition, labels)
        if target is None:
            continue
        if read is None:
            conversion.left_out(redirect.line, f"de voorwaarde '{condition}'")
            continue
        when, unknown = read
        if unknown:
            names = ", ".join(f"'{name}'" for name in dict.fromkeys(unknown))
            result = "alleen de rest van de voorwaarde telt"
            if isinstance(when, bool):
                result = "de keuze geldt altijd" if when else "de keuze geldt nooit"
            message = say(
                "import-label-onbekend",
                condition=condition,
                labels=f"het label {names}" if len(set(unknown)) == 1 else f"de labels {names}",
                result=result,
            )
            conversion.note(redirect.line, message)
        if when is False:
            continue
        if when is True:  # this one is taken whatever the labels: the rest never is
            lines.append(f"      - next: {target}")
            branches.append((None, target))
            break
        lines += [f"      - when: {quoted(when[0])}", f"        next: {target}"]
        branches.append((parse(when[0]), target))
    if len(lines) == 1:
        conversion.left_out(answer.line, f"antwoord '{answer.get('answer')}' leidt nergens heen")
        return [], []
    return lines, branches


def target_of(
    item: Lines, ids: dict[str, str], ends: dict[str, str], conversion: Conversion
) -> str | None:
    """Give the page an answer or redirect goes to, if it names one that exists."""
    for key, known in (("nextQuestionId", ids), ("nextConclusionId", ends)):
        if key in item:
            found = known.get(str(item[key]))
            if found is None:
                conversion.left_out(item.line, f"{key} '{item[key]}', die niet bestaat")
            return found
    return None


Folded = tuple[str, str] | bool  # (our words, what joins them at the top) or a constant


def jexl_condition(text: str, labels: dict[str, str]) -> tuple[Folded, list[str]] | None:
    """Turn '"a" in labels && !("b" in labels)' into 'a en niet b'; None if it has other
    parts than those. A label that no answer sets is never there, as in the original: a
    part that tests it is worked out (True or False), and the names of such labels are given
    so that the editor can check that no other label was meant."""
    tokens: list[str | tuple[str]] = []
    position, text = 0, text.strip()
    while position < len(text):
        match = JEXL_TOKEN.match(text, position)
        if match is None or match.end() == position:
            return None
        label, *signs = match.groups()
        tokens.append((label,) if label is not None else next(s for s in signs if s))
        position = match.end()
    unknown: list[str] = []
    try:
        folded, rest = jexl_either(tokens, labels, unknown)
    except (IndexError, ValueError):
        return None
    if rest:
        return None
    return folded, unknown


JOINS = {"||": ("of", True), "&&": ("en", False)}  # our word; the constant that decides it


def jexl_either(tokens: list, labels: dict[str, str], unknown: list[str]) -> tuple[Folded, list]:
    """Read 'x || y || ...' from the tokens; give it folded, and the tokens left."""
    return jexl_joined(tokens, labels, unknown, "||")


def jexl_joined(
    tokens: list, labels: dict[str, str], unknown: list[str], sign: str
) -> tuple[Folded, list]:
    """Read parts joined by || (each of them parts joined by &&) or by && (each a single
    part); a constant that decides the whole does so, one that does not drops out; an 'of'
    inside 'en' gets brackets."""
    word, deciding = JOINS[sign]

    def read(rest: list, labels: dict[str, str], unknown: list[str]) -> tuple[Folded, list]:
        if sign == "||":
            return jexl_joined(rest, labels, unknown, "&&")
        return jexl_single(rest, labels, unknown)

    parts, tokens = jexl_split(tokens, sign, read, labels, unknown)
    if any(part is deciding for part in parts):
        return deciding, tokens
    kept = [part for part in parts if not isinstance(part, bool)]
    if not kept:
        return not deciding, tokens
    if len(kept) == 1:
        return kept[0], tokens
    words = [f"({w})" if joined == "of" and word == "en" else w for w, joined in kept]
    return (f" {word} ".join(words), word), tokens


def jexl_split(tokens: list, sign: str, read, labels: dict[str, str], unknown: list[str]):
    """Read parts joined by one sign, each with read."""
    part, tokens = read(tokens, labels, unknown)
    parts = [part]
    while tokens and tokens[0] == sign:
        part, tokens = read(tokens[1:], labels, unknown)
        parts.append(part)
    return parts, tokens


def jexl_single(tokens: list, labels: dict[str, str], unknown: list[str]) -> tuple[Folded, list]:
    """Read one label, '!x' or '(x)'."""
    first = tokens[0]
    if first == "!":
        inner, rest = jexl_single(tokens[1:], labels, unknown)
        if isinstance(inner, bool):
            return not inner, rest
        words, joined = inner
        return (f"niet ({words})" if joined in ("en", "of") else f"niet {words}", "niet"), rest
    if first == "(":
        inner, rest = jexl_either(tokens[1:], labels, unknown)
        if not rest or rest[0] != ")":
            raise ValueError("no closing bracket")
        return inner, rest[1:]
    if isinstance(first, tuple):
        name = first[0]
        if name not in labels:
            unknown.append(name)
            return False, tokens[1:]
        return (labels[name], ""), tokens[1:]
    raise ValueError(f"unexpected {first}")


SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
TAGS = re.compile(r"<[^>]+>")


def sentences(text: str) -> list[str]:
    """Split a text into its sentences, without tags."""
    plain = " ".join(TAGS.sub(" ", str(text)).split())
    return [part for part in SENTENCE_END.split(plain) if part]


def conclusion_titles(conclusions: list[Lines]) -> list[str]:
    """Title each conclusion with its first sentence that no other conclusion has (most
    begin with the same sentence), so that the overview tells them apart."""
    said = [sentences(c.get("conclusion") or "") for c in conclusions]
    count: dict[str, int] = {}
    for found in said:
        for sentence in set(found):
            count[sentence] = count.get(sentence, 0) + 1
    return [
        next((s for s in found if count[s] == 1), found[-1] if found else "Conclusie")
        for found in said
    ]


def conclusion_page(
    conclusion: Lines, title: str, subresults: list[tuple[str, str]], conversion: Conversion
) -> str:
    """Write one conclusion's page: its text, its obligations, its sources, and the
    subresults of the answers given."""
    conversion.unknown_keys(conclusion, CONCLUSION_KEYS, f"conclusie {conclusion['conclusionId']}")
    said = text_of(conclusion.get("conclusion") or "")
    rest = " ".join(said.replace(title, "", 1).split()) if title in said else said
    body = [rest] if rest.strip(" .") else []  # the title says it once; the rest follows
    for name, text in subresults:
        body.append(f"::: als {name}\n{text_of(text)}\n:::")
    if conclusion.get("obligation"):
        body.append("## Verplichtingen\n\n" + text_of(conclusion["obligation"]))
    body.append(sources_of(conclusion.get("sources")))
    return page([f"title: {quoted(title)}"], body)


def sources_of(sources: Any) -> str:
    """Write the sources of a question or conclusion as a list of links."""
    items = []
    for source in sources or []:
        if not isinstance(source, dict):
            continue
        name = escape(str(source.get("source") or source.get("url") or ""))
        items.append(f"- [{name}]({source['url']})" if source.get("url") else f"- {name}")
    return "## Bronnen\n\n" + "\n".join(items) if items else ""


BREAKS = re.compile(r"(?:\s*<br\s*/?>\s*){2,}", re.IGNORECASE)
BREAK = re.compile(r"\s*<br\s*/?>\s*", re.IGNORECASE)


def text_of(html: str) -> str:
    """Turn the original's text with <br> into Markdown: paragraphs, and lists where lines
    start with a bullet. <strong> and <i> stay as they are: a page may hold them."""
    paragraphs = []
    for part in BREAKS.split(str(html).strip()):
        lines = [" ".join(line.split()) for line in BREAK.split(part)]
        out: list[str] = []
        for line in filter(None, lines):
            bullet = line.startswith("•")
            text = escape(line.lstrip("•").strip()) if bullet else escape(line)
            if bullet:
                if out and not out[-1].startswith("- "):
                    out.append("")
                out.append("- " + text)
            else:
                if out:
                    out.append("")
                out.append(text)
        paragraphs.append("\n".join(out))
    return "\n\n".join(p for p in paragraphs if p)


def escape(text: str) -> str:
    """Keep Markdown from reading the original's characters as markup."""
    return re.sub(r"([\\`*_\[\]#])", r"\\\1", text)


def quoted(value: Any) -> str:
    """Write a text as a YAML value that reads back as exactly this text."""
    return json.dumps(str(value), ensure_ascii=False)


def page(front: list[str], body: list[str]) -> str:
    """Join front matter and text into a page."""
    text = "\n\n".join(part for part in body if part)
    return "---\n" + "\n".join(front) + "\n---\n" + (text + "\n" if text else "")


CATEGORIES = "categories.yaml"  # beside MinBZK's tree: the names of its phases


def read_categories(names_file: Path) -> dict[str, dict[str, Any]]:
    """Read categories.yaml beside MinBZK's tree, if there is one: per question id, the
    names of its phase (category) and its part (subcategory) as the original shows them."""
    try:
        listed = yaml.safe_load(names_file.read_text(encoding="utf-8")) or []
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    if not isinstance(listed, list):
        return {}
    return {str(item.get("questionId")): item for item in listed if isinstance(item, dict)}


def named_in(listed: dict[str, dict[str, Any]], question: Lines, key: str) -> str:
    """Give a question's category or subcategory as categories.yaml names it ('' if not)."""
    name = (listed.get(str(question["questionId"])) or {}).get(key)
    return " ".join(str(name).split()) if name else ""


def phases(
    questions: list[Lines], listed: dict[str, dict[str, Any]]
) -> tuple[dict[str, int], list[str]]:
    """Number the original's phases (a question's category) in the order they come, and
    name them from categories.yaml beside the tree where it names them: 'Geldt de
    AI-verordening voor mij?'. A question whose category is not named there (an in-between
    screen) belongs to the phase that follows it. Give each question's step, and the names."""
    named: dict[str, str] = {}
    for question in questions:
        category, name = question.get("category"), named_in(listed, question, "category")
        if isinstance(category, str) and name and category not in named:
            named[category] = name
    categories = [
        q.get("category") if isinstance(q.get("category"), str) else None for q in questions
    ]
    if not named:  # no names: every category as written is a phase
        named = {c: c.replace("_", " ").capitalize() for c in categories if c}
    order = list(dict.fromkeys(c for c in categories if c in named))
    if len(order) < 2:
        return {}, []
    steps: dict[str, int] = {}
    following = 0
    for question, category in reversed(list(zip(questions, categories, strict=True))):
        if category in named:
            following = order.index(category) + 1
        if following:
            steps[str(question["questionId"])] = following
    return steps, [named[c] for c in order]


def label_groups(questions: list[Lines], listed: dict[str, dict[str, Any]]) -> dict[str, str]:
    """Give each label of the original the part of the aid it belongs to, as a result
    shows it ('Verantwoordelijkheid: aanbieder'): the subcategory of the first question
    that sets it, as categories.yaml names it, else as the tree does. Without a part, a
    label's words alone could mislead ('niet van toepassing', of an assessment)."""
    groups: dict[str, str] = {}
    for question in questions:
        part = named_in(listed, question, "subcategory") or question.get("subcategory")
        for answer in question.get("answers") or []:
            for label in answer.get("labels") or []:
                if isinstance(part, str) and part.strip():
                    groups.setdefault(str(label), " ".join(part.split()))
    return groups


START = "start"  # the page before the first question: what the aid is, for the editor to write


def start_page(title: str, first: str) -> str:
    """Write the page a reader begins on, with what the original does not say (what the aid
    is for, that it may contain errors, who stays responsible) marked for the editor; the
    build warns until it is filled in (text.FILL_IN)."""
    body = [
        f"{FILL_IN} Wat deze beslishulp doet en voor wie hij is, in een of twee zinnen.",
        f"{FILL_IN} Of de beslishulp nog in ontwikkeling is en fouten kan bevatten, en dat de "
        "lezer zelf verantwoordelijk blijft voor wat hij met de uitkomst doet.",
        f"{FILL_IN} Bij wie de lezer terecht kan met vragen (zet het contact ook in site.yml).",
    ]
    return page([f"title: {quoted(title)}", f"next: {first}", "next_label: Start"], body)


def site_file(
    title: str,
    start: str,
    labels: dict[str, str],
    source: Path,
    version: str = "",
    step_names: list[str] | None = None,
    groups: dict[str, str] | None = None,
) -> str:
    """Write site.yml: the title, the first question, the original's version, the words
    for every label, under the part of the aid it belongs to where the original says."""
    lines = [
        f"# Omgezet uit {source.name}. Pas hier de titel en de woorden van de labels aan.",
        f"title: {quoted(title)}",
        f"start: {start}",
    ]
    if step_names:
        lines += ["# De fasen van het origineel (category): 'Stap 1 van 2: ...'.", "steps:"]
        lines += [f"  - {quoted(name)}" for name in step_names]
    if version:
        lines += [
            "# De versie van het origineel; elke pagina noemt haar onderaan.",
            f"version: {quoted(version)}",
        ]
    lines += [
        "",
        "# De woorden die een conclusie toont voor de labels die de lezer verzamelde, onder",
        "# het onderdeel van het origineel (subcategory) waar het label vandaan komt.",
        "labels:",
    ]
    grouped: dict[str, list[str]] = {}
    for text, name in labels.items():
        part = (groups or {}).get(text, "")
        grouped.setdefault(part, []).append(f"  {name}: {quoted(text)}")
    for part, entries in grouped.items():
        lines += entries if not part else [f"  {quoted(part)}:", *("  " + e for e in entries)]
    lines += [
        "",
        "# Elke combinatie van labels die een conclusie toont, is een eigen pagina: dat zijn",
        "# er bij deze boom meer dan de standaardgrens van 1000 extra pagina's.",
        "limits:",
        "  extra_pages: 2000",
        "",
        f"# {FILL_IN} Het contact dat elke conclusie toont; haal de # voor de regels weg:",
        "# contact:",
        "#   heading: Vragen?",
        "#   people:",
        "#     - name: Naam",
        "#       phone: 070 000 00 00",
        "#   email: adres@example.nl",
    ]
    return "\n".join(lines) + "\n"


def write(conversion: Conversion, content: Path) -> None:
    """Write the converted files into an empty or new content folder, and nowhere else."""
    for name, text in sorted(conversion.files.items()):
        parts = PurePosixPath(name).parts
        if PurePosixPath(name).is_absolute() or ".." in parts or "\\" in name or ":" in name:
            raise ValueError(f"import path leaves the content folder: {name}")
        path = content.joinpath(*parts)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
