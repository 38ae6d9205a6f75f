"""The keys an editor may write, in site.yml and in a page's front matter: one table each.

A key that is not in its table is reported as unknown, with the keys that are
(yamlfile.allow_only). The guide's and the README's table of a page's keys is table(PAGE),
word for word (tests/test_docs.py). A key marked text=True is read as an optional text
and reaches every template as node.texts.<name>: such a key needs only its line here, a
template that shows it, and a word in the guide.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Key:
    """One key: its name and the guide's line for it."""

    name: str
    meaning: str
    text: bool = False  # an optional text, as written: node.texts.<name> in a template


PAGE = (
    Key(
        "title",
        "verplicht: de kop van de pagina, bij een vraag de vraag zelf; of koppen met `when` "
        '(zie "Een kop per situatie")',
    ),
    Key(
        "step",
        'het stapnummer voor "Stap 5 van 7"; sub-pagina\'s krijgen het nummer van hun stap',
    ),
    Key("next", "de naam van de pagina die hierna komt (een gewone stap)"),
    Key("next_label", 'de tekst op de knop naar `next`; standaard "Volgende"'),
    Key(
        "options",
        "de antwoorden van een vraag, elk met `label` (de tekst van het antwoord), `next` (de "
        "pagina waar het naartoe leidt) en eventueel `hint` (een korte uitleg onder het "
        "antwoord), `short` (een korte naam voor de uitkomst, zie hieronder) en `labels` (zie "
        '"Antwoorden die tellen"); bij een vraag met `multiple` heeft een antwoord geen '
        "`next`, en het antwoord dat de andere uitsluit `none: true`",
    ),
    Key(
        "multiple",
        'bij een vraag: `true` als de lezer meer antwoorden mag kiezen ("Kies alles wat van '
        'toepassing is"); de vraag gaat dan verder met haar eigen `next` (zie "Vragen met '
        'meer antwoorden")',
    ),
    Key(
        "topic",
        "bij een vraag: waar de vraag over gaat, in één of twee woorden, zoals `Rol`; de "
        'eindpagina noemt het antwoord dan als "Rol: raadplegen" (zie "De uitkomst op de '
        'eindpagina")',
    ),
)
OPTION = (
    Key("label", "de tekst van het antwoord"),
    Key("next", "de pagina waar het antwoord naartoe leidt, of keuzes met `when`"),
    Key("hint", "een korte uitleg onder het antwoord"),
    Key("labels", "de labels die het antwoord zet"),
    Key("short", "een korte naam voor de uitkomst"),
    Key("none", '`true` bij het antwoord dat de andere uitsluit, zoals "Geen van deze"'),
)
TITLE = (
    Key("when", "de voorwaarde over labels"),
    Key("title", "de kop als de voorwaarde geldt"),
)
BRANCH = (
    Key("when", "de voorwaarde over labels"),
    Key("next", "de pagina als de voorwaarde geldt"),
)
SITE = (
    Key("title", "de naam van de boom, bovenaan elke pagina"),
    Key("start", "de eerste pagina (bestandsnaam zonder .md)"),
    Key("contact", "het contactblok op de laatste pagina"),
    Key("limits", "wanneer de build waarschuwt dat iets te groot wordt"),
    Key("labels", "de woorden die een uitkomst toont voor elk label"),
    Key("owner", "wie de boom beheert, onderaan elke pagina"),
    Key("updated", "de datum van de laatste inhoudelijke wijziging"),
    Key("accessibility", "het webadres van de toegankelijkheidsverklaring, onderaan elke pagina"),
    Key(
        "version",
        "de versie van de boom, vrije tekst zoals `1.4`; onderaan elke pagina, met het "
        "kenmerk van de inhoud",
    ),
    Key(
        "steps",
        'de namen van de stappen, in volgorde, zoals `["Geldt de wet voor mij?", '
        '"Welke risicogroep?"]`: "Stap 1 van 2: Geldt de wet voor mij?" (niet verplicht)',
    ),
    Key(
        "description",
        "waar de boom voor is, in een of twee zinnen: op de startpagina van een site met "
        "meer bomen",
    ),
)
# bomen.yml, beside the trees of a site of several (collection.py)
COLLECTION = (
    Key("title", 'de naam van de site, boven de lijst van bomen (standaard "Beslisbomen")'),
    Key("owner", "wie de site beheert, onderaan de startpagina"),
    Key("accessibility", "het webadres van de toegankelijkheidsverklaring"),
)
LIMITS = (
    Key("page_kb", "een pagina, in KB (standaard 1000)"),
    Key("single_mb", "het ene bestand, in MB (standaard 10)"),
    Key("attachment_mb", "een plaatje of bijlage in het ene bestand, in MB (standaard 5)"),
    Key("extra_pages", "hoeveel pagina's de labels mogen maken (standaard 1000)"),
)
CONTACT = (
    Key("heading", "de kop boven het contactblok"),
    Key("people", "de contactpersonen, elk met `name` en eventueel `phone`"),
    Key("email", "het mailadres"),
)
PERSON = (Key("name", "de naam"), Key("phone", "het telefoonnummer"))


def names(keys: tuple[Key, ...]) -> tuple[str, ...]:
    """Give the names of a table's keys, in its order."""
    return tuple(key.name for key in keys)


def table(keys: tuple[Key, ...]) -> str:
    """Write a table of keys as the guide and the README show it."""
    rows = [f"| `{key.name}` | {key.meaning} |" for key in keys]
    return "\n".join(["| sleutel | betekenis |", "|---|---|", *rows])
