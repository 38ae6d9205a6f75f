"""Every content check, with its exact message, file and line, on tiny trees."""

from __future__ import annotations

import pytest

from conftest import ROOT, SITE_YML, messages, page

OK_END = page("Einde")
# A question whose one answer sets the label rood and leads to einde.md.
SETS_ROOD = page("Vraag", "options:\n  - label: Ja\n    labels: [rood]\n    next: einde\n")

CASES = {
    "title-is-a-comment": (
        {"start.md": "---\ntitle: #Welkom\n---\n"},
        [
            "content/start.md:2: fout: 'title' is leeg: YAML leest #Welkom niet als tekst (een # "
            "begint een opmerking, & en een ! betekenen iets anders); zet de tekst tussen "
            'aanhalingstekens: title: "#Welkom"'
        ],
    ),
    "title-is-an-anchor": (
        {"start.md": "---\ntitle: &Welkom\n---\n"},
        [
            "content/start.md:2: fout: 'title' is leeg: YAML leest &Welkom niet als tekst (een # "
            "begint een opmerking, & en een ! betekenen iets anders); zet de tekst tussen "
            'aanhalingstekens: title: "&Welkom"'
        ],
    ),
    "stray-closing-quote": (
        {"start.md": '---\ntitle: Welkom"\n---\n'},
        [
            "content/start.md:2: waarschuwing: 'title' eindigt op een aanhalingsteken zonder "
            'begin, dus de pagina toont Welkom"; haal het weg, of zet de hele tekst tussen '
            'aanhalingstekens: title: "..."'
        ],
    ),
    "key-below-front-matter": (
        {"start.md": "---\ntitle: Start\n---\nTekst.\nnext: einde\n", "einde.md": OK_END},
        [
            "content/einde.md:1: waarschuwing: pagina 'einde' is vanaf de start niet te "
            "bereiken; verwijs ernaar met 'next' of een optie, of verwijder het bestand",
            "content/start.md:5: waarschuwing: deze regel lijkt de sleutel 'next', maar staat "
            "onder de front matter en wordt dus gewone tekst; zet hem boven de regel '---' als "
            "hij een sleutel moet zijn",
        ],
    ),
    "heading-in-body": (
        {
            "start.md": page(
                "Start",
                body="# Belangrijk\n\n## Goed kopje\n\n```\n# in code mag het\n```\n"
                "Ook belangrijk\n===\n",
            )
        },
        [
            "content/start.md:4: fout: een kop met één # wordt een tweede paginatitel, maar de "
            "titel staat al in 'title'; gebruik ## voor een kopje in de tekst",
            "content/start.md:11: fout: een kop met één # wordt een tweede paginatitel, maar de "
            "titel staat al in 'title'; gebruik ## voor een kopje in de tekst",
        ],
    ),
    "files-left-behind": (
        {
            "start.md": page("Start", "next: einde\n"),
            "einde.md": OK_END,
            "einde - kopie.md": OK_END,
            "einde - Copy (2).md": OK_END,
            "~$einde.md": b"\x05Word\xff",
        },
        [
            "content/einde - Copy (2).md: waarschuwing: dit lijkt een kopie van einde.md (zoals "
            "Verkenner die maakt); de build slaat het over: haal het weg, of geef het een eigen "
            "naam als het een nieuwe pagina moet zijn",
            "content/einde - kopie.md: waarschuwing: dit lijkt een kopie van einde.md (zoals "
            "Verkenner die maakt); de build slaat het over: haal het weg, of geef het een eigen "
            "naam als het een nieuwe pagina moet zijn",
        ],
    ),
    "misnamed-pages": (
        {
            "start.md": page(
                "Start",
                "options:\n  - label: A\n    next: a\n  - label: B\n    next: b\n"
                "  - label: C\n    next: c\n",
            ),
            "a.MD": OK_END,
            "b.markdown": OK_END,
            "c.md.txt": OK_END,
        },
        [
            "content/a.MD: fout: de build leest alleen pagina's waarvan de naam eindigt op .md; "
            "hernoem dit bestand naar a.md",
            "content/b.markdown: fout: de build leest alleen pagina's waarvan de naam eindigt op "
            ".md; hernoem dit bestand naar b.md",
            "content/c.md.txt: fout: de build leest alleen pagina's waarvan de naam eindigt op "
            ".md; hernoem dit bestand naar c.md",
        ],
    ),
    "yaml-syntax": (
        {"start.md": "---\ntitle: Start\nnext: [einde\n---\n", "einde.md": OK_END},
        [
            "content/start.md:3: fout: ongeldige YAML: een lijst tussen [ en ] wordt niet "
            "afgesloten met ]; is het tekst, zet die dan tussen aanhalingstekens, zoals "
            'title: "[Welkom"'
        ],
    ),
    "yaml-colon": (
        {
            "start.md": "---\ntitle: Start\nnext: einde\nnext_label: Let op: nu\n---\n",
            "einde.md": OK_END,
        },
        [
            "content/start.md:4: fout: ongeldige YAML: een dubbele punt op een plek waar dat niet "
            "kan; zet een tekst met een dubbele punt tussen aanhalingstekens, zoals "
            'title: "Let op: dit"'
        ],
    ),
    "no-front-matter": (
        {"start.md": "# Start\n"},
        [
            "content/start.md:1: fout: het bestand begint niet met front matter; zet op de eerste "
            "regel '---', daaronder de sleutels (zoals 'title: ...') en daarna weer een regel '---'"
        ],
    ),
    "unclosed-front-matter": (
        {"start.md": "---\ntitle: Start\n\nTekst\n"},
        [
            "content/start.md:1: fout: de front matter wordt niet afgesloten; zet een regel '---' "
            "onder de laatste sleutel en begin daarna pas met de tekst"
        ],
    ),
    "empty-front-matter": (
        {"start.md": "---\n---\nTekst\n"},
        ["content/start.md:1: fout: de front matter is leeg; zet er ten minste 'title: ...' in"],
    ),
    "front-matter-not-mapping": (
        {"start.md": "---\n- title\n---\n"},
        [
            "content/start.md:2: fout: de front matter moet bestaan uit sleutels met een waarde, "
            "zoals 'title: Tekst'"
        ],
    ),
    "missing-title": (
        {"start.md": "---\nnext: einde\n---\n", "einde.md": OK_END},
        ["content/start.md:2: fout: 'title' ontbreekt in de front matter; voeg toe: title: ..."],
    ),
    "title-not-text": (
        {"start.md": "---\ntitle: 2024\n---\n"},
        [
            "content/start.md:2: fout: 'title' moet tekst zijn, maar is een getal; zet de waarde "
            'tussen aanhalingstekens: title: "2024"'
        ],
    ),
    "next-not-text": (
        {"start.md": page("Start", "next: 3\n"), "3.md": OK_END},
        [
            "content/start.md:3: fout: 'next' moet tekst zijn, maar is een getal; zet de waarde "
            'tussen aanhalingstekens: next: "3"'
        ],
    ),
    "label-yes-no": (
        {
            "start.md": page("Start", "options:\n  - label: Yes\n    next: einde\n"),
            "einde.md": OK_END,
        },
        [
            "content/start.md:4: fout: 'label' moet tekst zijn, maar is een ja/nee-waarde; zet de "
            'waarde tussen aanhalingstekens: label: "Yes"'
        ],
    ),
    "options-not-list": (
        {"start.md": page("Start", "options: einde\n"), "einde.md": OK_END},
        [
            "content/start.md:3: fout: 'options' moet een lijst zijn, met elk item op een eigen "
            "regel die begint met '- '"
        ],
    ),
    "option-not-mapping": (
        {"start.md": page("Start", "options:\n  - einde\n"), "einde.md": OK_END},
        [
            "content/start.md:4: fout: een optie moet bestaan uit sleutels met een waarde, zoals "
            "'label: Ja'"
        ],
    ),
    "next-and-options": (
        {
            "start.md": page("Start", "next: einde\noptions:\n  - label: Ja\n    next: einde\n"),
            "einde.md": OK_END,
        },
        [
            "content/start.md:4: fout: een pagina heeft 'next' óf 'options', niet allebei; "
            "haal een van de twee weg"
        ],
    ),
    "empty-options": (
        {"start.md": page("Start", "options: []\n")},
        [
            "content/start.md:3: fout: 'options' is leeg; geef ten minste één optie met 'label' en "
            "'next', of haal 'options' weg"
        ],
    ),
    "option-without-label": (
        {"start.md": page("Start", "options:\n  - next: einde\n"), "einde.md": OK_END},
        ["content/start.md:4: fout: 'label' ontbreekt in een optie; voeg toe: label: ..."],
    ),
    "option-without-next": (
        {"start.md": page("Start", "options:\n  - label: Ja\n")},
        ["content/start.md:4: fout: 'next' ontbreekt in een optie; voeg toe: next: ..."],
    ),
    "duplicate-label": (
        {
            "start.md": page(
                "Start",
                "options:\n  - label: Ja\n    next: einde\n  - label: Ja\n    next: einde\n",
            ),
            "einde.md": OK_END,
        },
        ["content/start.md:6: fout: twee opties heten 'Ja'; geef elke optie een eigen label"],
    ),
    "unknown-key": (
        {"start.md": page("Start", "nxt: einde\n")},
        [
            "content/start.md:3: fout: onbekende sleutel 'nxt' in de front matter (bedoel je "
            "'next'?); toegestaan zijn: title, step, next, next_label, options, multiple, topic"
        ],
    ),
    "unknown-option-key": (
        {
            "start.md": page("Start", "options:\n  - label: Ja\n    next: einde\n    hnt: x\n"),
            "einde.md": OK_END,
        },
        [
            "content/start.md:6: fout: onbekende sleutel 'hnt' in een optie (bedoel je 'hint'?); "
            "toegestaan zijn: label, next, hint, labels, short, none"
        ],
    ),
    "duplicate-key": (
        {"start.md": page("Start", "title: Nog eens\n")},
        [
            "content/start.md:3: fout: de sleutel 'title' staat twee keer in de front matter; "
            "haal er één weg"
        ],
    ),
    "bad-step": (
        {"start.md": page("Start", "step: 0\n")},
        ["content/start.md:3: fout: 'step' moet een heel getal vanaf 1 zijn, zoals 'step: 2'"],
    ),
    "not-utf8": (
        {"start.md": "---\ntitle: Caf\xe9\n---\n".encode("latin-1")},
        [
            "content/start.md:2: fout: het bestand is geen UTF-8-tekst; sla het op als UTF-8 "
            "(in Kladblok: Opslaan als, Codering: UTF-8)"
        ],
    ),
    "duplicate-id": (
        {"start.md": page("Start", "next: b\n"), "b.md": OK_END, "map/b.md": OK_END},
        [
            "content/map/b.md:1: fout: de id 'b' bestaat al: ook content/b.md heet zo; "
            "geef een van beide bestanden een andere naam"
        ],
    ),
    "unknown-next": (
        {"start.md": page("Start", "next: eind\n"), "einde.md": OK_END},
        [
            "content/start.md:3: fout: next verwijst naar 'eind', die niet bestaat (bedoel je "
            "'einde'?); gebruik de bestandsnaam van een pagina zonder .md; daardoor zijn ook "
            "deze pagina's niet te bereiken, tot deze verwijzing klopt: einde",
        ],
    ),
    "unknown-option-target": (
        {
            "start.md": page(
                "Start", "options:\n  - label: Ja\n    next: ja\n  - label: Nee\n    next: einde\n"
            ),
            "einde.md": OK_END,
        },
        [
            "content/start.md:4: fout: optie 'Ja' verwijst naar 'ja', die niet bestaat; gebruik de "
            "bestandsnaam van een pagina zonder .md"
        ],
    ),
    "id-is-not-a-path": (
        {"start.md": page("Start", "next: ../../einde\n"), "einde.md": OK_END},
        [
            "content/start.md:3: fout: next verwijst naar '../../einde', die niet bestaat "
            "(bedoel je 'einde'?); gebruik de bestandsnaam van een pagina zonder .md; daardoor "
            "zijn ook deze pagina's niet te bereiken, tot deze verwijzing klopt: einde",
        ],
    ),
    "loop-without-exit": (
        {
            "start.md": page("Start", "next: a\n"),
            "a.md": page("A", "next: b\n"),
            "b.md": page("B", "next: a\n"),
        },
        [
            "content/b.md:3: fout: deze verwijzing sluit een kringloop zonder uitweg (a → b → a): "
            "wie erin komt, bereikt nooit een einde; geef een van deze pagina's een optie naar een "
            "pagina die verder leidt"
        ],
    ),
    "loop-closed-by-an-option": (
        {
            "start.md": page("Start", "next: q\n"),
            "q.md": page(
                "Q", "options:\n  - label: Opnieuw\n    next: start\n  - label: Door\n    next: r\n"
            ),
            "r.md": page("R", "next: q\n"),
        },
        [
            "content/q.md:4: fout: deze verwijzing sluit een kringloop zonder uitweg "
            "(start → q → start): wie erin komt, bereikt nooit een einde; geef een van deze "
            "pagina's een optie naar een pagina die verder leidt"
        ],
    ),
    "step-gap": (
        {
            "start.md": page("Start", "next: a\n"),
            "a.md": page("A", "step: 1\nnext: b\n"),
            "b.md": page("B", "step: 12\nnext: einde\n"),
            "einde.md": OK_END,
        },
        [
            "content/b.md:3: waarschuwing: 'step: 12' slaat stap 2 tot en met 11 over, dus elke "
            "pagina zegt 'van 12'; controleer het getal, of nummer de stappen zonder gat"
        ],
    ),
    "step-backwards": (
        {
            "start.md": page("Start", "next: a\n"),
            "a.md": page("A", "step: 2\noptions:\n  - label: Ja\n    next: b\n"),
            "b.md": page(
                "B",
                "step: 1\noptions:\n  - label: Terug\n    next: a\n"
                "  - label: Klaar\n    next: einde\n",
            ),
            "einde.md": OK_END,
        },
        [
            "content/a.md:5: waarschuwing: deze verwijzing gaat van stap 2 naar stap 1 ('b'), "
            "terug dus, terwijl de lezer die pagina hier voor het eerst bereikt; controleer "
            "'step' van 'b'"
        ],
    ),
    "rename-cuts-off-pages": (
        {
            "start.md": page("Start", "next: 2-mandat\n"),
            "2-mandaat.md": page("Mandaat", "next: 3-rol\n"),
            "3-rol.md": page("Rol", "next: einde\n"),
            "einde.md": OK_END,
            "los.md": page("Los"),
        },
        [
            "content/los.md:1: waarschuwing: pagina 'los' is vanaf de start niet te bereiken; "
            "verwijs ernaar met 'next' of een optie, of verwijder het bestand",
            "content/start.md:3: fout: next verwijst naar '2-mandat', die niet bestaat (bedoel je "
            "'2-mandaat'?); gebruik de bestandsnaam van een pagina zonder .md; daardoor zijn ook "
            "deze pagina's niet te bereiken, tot deze verwijzing klopt: 2-mandaat, 3-rol, einde",
        ],
    ),
    "raw-html": (
        {
            "start.md": page(
                "Start",
                body='Mag: <abbr title="Justitie en Veiligheid">JenV</abbr>, <br>, '
                "<https://wetten.overheid.nl>, `<script>` in code.\n\n"
                "<script>alert('hoi')</script>\n\n"
                '<span style="color: red">Rood</span> en <td onclick="x()">\n',
            )
        },
        [
            "content/start.md:6: fout: <script> mag niet in de tekst: op de site doet het niets "
            "of het hoort in het sjabloon; schrijf de tekst in Markdown (vet, lijsten, links, "
            "tabellen), of vraag de beheerder van de sjablonen",
            "content/start.md:8: fout: het attribuut onclick in <td> mag niet in de tekst: de "
            "beveiliging van de site blokkeert het (zoals style= en onclick=); haal het weg",
            "content/start.md:8: fout: het attribuut style in <span> mag niet in de tekst: de "
            "beveiliging van de site blokkeert het (zoals style= en onclick=); haal het weg",
        ],
    ),
    "script-as-markdown-reads-it": (
        {
            "start.md": page(
                "Start",
                body="<script\nsrc=bestanden/bijlage.txt></script>\n\n"
                "Tekst met <script/src=bijlage.txt></script> erin.\n\n"
                "`code` <script src=bijlage.txt></script>\n\n"
                "In code is het tekst:\n\n    <script>alert(1)</script>\n    <iframe>\n\n"
                "En `<script>` ook.\n",
            )
        },
        [
            f"content/start.md:{line}: fout: <script> mag niet in de tekst: op de site doet het "
            "niets of het hoort in het sjabloon; schrijf de tekst in Markdown (vet, lijsten, "
            "links, tabellen), of vraag de beheerder van de sjablonen"
            for line in (4, 7, 9)
        ],
    ),
    "links-that-run-or-open-files": (
        {
            "start.md": page(
                "Start",
                body="[a](javascript:alert(1)) [b](JaVa\nScRiPt:alert(1))\n"
                "\n[c](data:text/html;base64,PHNjcmlwdD4=)\n[d](vbscript:msgbox)\n"
                "[e](file:///C:/geheim.txt)\n[f](https://www.rijksoverheid.nl) "
                "[g](mailto:a@example.nl)\n",
            )
        },
        [
            f"content/start.md:{line}: fout: de link {href} begint met '{scheme}:'; zo'n link "
            "kan een script starten of een bestand op de computer van de lezer openen: gebruik "
            "een webadres (https://...), een mailadres (mailto:...), een telefoonnummer "
            "(tel:...) of een pagina (stap.md)"
            for line, href, scheme in (
                (4, "JaVa ScRiPt:alert(1)", "javascript"),
                (4, "javascript:alert(1)", "javascript"),
                (7, "data:text/html;base64,PHNjcmlwdD4=", "data"),
                (8, "vbscript:msgbox", "vbscript"),
                (9, "file:///C:/geheim.txt", "file"),
            )
        ],
    ),
    "link-to-a-page-as-html": (
        {
            "start.md": page(
                "Start", "next: 2-uitleg\n", body="Lees [de uitleg](2-uitleg.html).\n"
            ),
            "2-uitleg.md": page("Uitleg"),
        },
        [
            "content/start.md:5: fout: de link naar 2-uitleg.html wijst naar een pagina zoals de "
            "site hem noemt; schrijf de naam van het bestand in content/: 2-uitleg.md"
        ],
    ),
    "picture-from-elsewhere": (
        {"start.md": page("Start", body="![Logo](https://example.nl/logo.png)\n")},
        [
            "content/start.md:4: fout: de afbeelding https://example.nl/logo.png komt niet uit "
            "de map met de inhoud; de site laadt niets van buiten: zet het bestand naast de "
            "pagina en schrijf ![beschrijving](naam.png)"
        ],
    ),
    "file-of-a-kind-not-published": (
        {
            "start.md": page("Start", body="[De mail](overleg.msg) en [alles](stukken.zip).\n"),
            "overleg.msg": b"mail",
            "stukken.zip": b"PK",
        },
        [
            f"content/start.md:4: fout: het bestand {name} bestaat, maar de site publiceert "
            f"geen bestanden van de soort {kind}; sla het op als PDF (of als .docx, .xlsx, "
            ".pptx, .odt, .txt, .csv, of een plaatje .png, .jpg, .svg) en link daarnaar"
            for name, kind in (("overleg.msg", ".msg"), ("stukken.zip", ".zip"))
        ],
    ),
    "svg-with-a-script": (
        {
            "start.md": page(
                "Start", body="![Schema](schema.svg)\n\n![Ook](klik.svg)\n\n![Goed](goed.svg)\n"
            ),
            "schema.svg": '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "klik.svg": '<svg xmlns="http://www.w3.org/2000/svg"><rect onclick="x()"/></svg>',
            "goed.svg": '<svg xmlns="http://www.w3.org/2000/svg"><rect fill="url(#a)"/></svg>',
        },
        [
            f"content/start.md:{line}: fout: de afbeelding {name} bevat {what}; zo'n SVG kan op "
            "de site iets laten draaien of van buiten laden: sla hem op zonder scripts en links "
            "(in Inkscape: Opslaan als, Geoptimaliseerde SVG), of gebruik een PNG"
            for line, name, what in (
                (4, "schema.svg", "een script"),
                (6, "klik.svg", "het attribuut onclick"),
            )
        ],
    ),
    "option-to-its-own-page": (
        {
            "start.md": page(
                "Start",
                "options:\n  - label: Nog eens\n    next: start\n"
                "  - label: Klaar\n    next: einde\n",
            ),
            "einde.md": OK_END,
        },
        [
            "content/start.md:4: fout: optie 'Nog eens' leidt terug naar deze pagina zelf, dus "
            "de lezer komt met dit antwoord niet verder; kies in 'next' de pagina die na dit "
            "antwoord komt"
        ],
    ),
    "one-unreadable-page-one-message": (
        {
            "start.md": page("Start", "next: 1-wanneer\n"),
            "1-wanneer.md": '---\ntitle: "Wanneer?\nstep: 1\nnext: 2-mandaat\n---\n',
            "2-mandaat.md": page("Mandaat", "step: 2\nnext: 3-rol\n"),
            "3-rol.md": page("Rol", "step: 3\nnext: einde\n"),
            "einde.md": OK_END,
            "los.md": page("Los"),
        },
        [
            "content/1-wanneer.md:2: fout: ongeldige YAML: een aanhalingsteken wordt niet "
            "afgesloten",
            "content/los.md:1: waarschuwing: pagina 'los' is vanaf de start niet te bereiken; "
            "verwijs ernaar met 'next' of een optie, of verwijder het bestand",
        ],
    ),
    "condition-too-long-or-too-deep": (
        {
            "start.md": page(
                "Start",
                "next:\n  - when: " + " en ".join(f"l{n}" for n in range(500)) + "\n"
                "    next: einde\n  - when: " + "(" * 330 + "a" + ")" * 330 + "\n"
                "    next: einde\n  - next: einde\n",
            ),
            "einde.md": OK_END,
        },
        [
            "content/start.md:4: fout: de voorwaarde '"
            + " en ".join(f"l{n}" for n in range(500))[:77]
            + "...' is niet te lezen: de voorwaarde noemt 500 labels, meer dan de 100 die er in "
            "één mogen; verdeel haar over meer keuzes, of geef een groep antwoorden één label "
            "samen; schrijf labels met en, of, niet en haakjes, zoals: aanbieder en niet "
            "(open-source of importeur), en tel ze met minstens of hoogstens, zoals: minstens 2 "
            "van (a, b, c)",
            "content/start.md:6: fout: de voorwaarde '"
            + "(" * 77
            + "...' is niet te lezen: de voorwaarde heeft 330 haakjes binnen elkaar, meer dan de "
            "20 die mogen; schrijf haar eenvoudiger; schrijf labels met en, of, niet en haakjes, "
            "zoals: aanbieder en niet (open-source of importeur), en tel ze met minstens of "
            "hoogstens, zoals: minstens 2 van (a, b, c)",
        ],
    ),
    "space-from-word-and-a-key-without-colon": (
        {
            "start.md": "---\ntitle:\u00a0Welkom\nnext: einde\n---\n",
            "einde.md": "---\ntitle Einde\nstep: 2\n---\n",
        },
        [
            "content/einde.md:2: fout: ongeldige YAML: hier ontbreekt een dubbele punt achter "
            "de sleutel",
            "content/start.md:2: fout: ongeldige YAML: op deze regel staat een vaste spatie "
            "(zoals Word of een webpagina die plakt), die YAML niet als spatie leest; typ de "
            "spaties aan het begin en na de dubbele punt opnieuw",
        ],
    ),
    "alias-bomb-in-front-matter": (
        {
            "start.md": "---\ntitle: Start\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
            + "".join(f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]\n" for n in range(1, 9))
            + "options: *a8\n---\n",
        },
        [
            "content/start.md:2: fout: dit bestand zou door zijn verwijzingen (&naam en *naam) "
            "meer dan 200.000 waarden worden; zo'n bestand leest de build niet: schrijf de "
            "verwijzingen uit, of controleer waar het bestand vandaan komt"
        ],
    ),
    "text-link-unknown": (
        {"start.md": page("Start", body="Zie [de vraag](vragen.md).\n")},
        [
            "content/start.md:4: fout: de link in de tekst naar vragen.md wijst naar een pagina "
            "die niet bestaat; gebruik de bestandsnaam van een pagina, zoals [stap 3](3-rol.md)"
        ],
    ),
    "no-pages": (
        {},
        [
            "content: fout: geen pagina's gevonden; zet per pagina een "
            "Markdown-bestand (.md) in deze map"
        ],
    ),
    "text-link-to-a-draft": (
        {
            "start.md": page("Start", "next: einde\n", "Zie [los](los.md).\n"),
            "einde.md": OK_END,
            "los.md": page("Los"),
        },
        [
            "content/los.md:1: waarschuwing: pagina 'los' is vanaf de start niet te "
            "bereiken; verwijs ernaar met 'next' of een optie, of verwijder het bestand",
            "content/start.md:5: fout: de link in de tekst naar los.md wijst naar een "
            "pagina die de site niet publiceert, omdat geen route erheen leidt; laat een "
            "antwoord of 'next' naar 'los' leiden, of haal de link weg",
        ],
    ),
    # Labels and conditions (see unfold.py)
    "label-set-never-used": (
        {
            "start.md": (
                "---\n"
                "title: Vraag\n"
                "options:\n"
                "  - label: Ja\n"
                "    labels: [rood]\n"
                "    next: einde\n"
                "  - label: Nee\n"
                "    next: einde\n"
                "---\n"
            ),
            "einde.md": ("---\ntitle: Einde\n---\n"),
        },
        [
            "content/start.md:4: waarschuwing: het label 'rood' wordt gezet, maar "
            "nergens getest of getoond; gebruik het in een 'when' of een '::: "
            "als'-blok, of haal het weg",
        ],
    ),
    "label-tested-never-set": (
        {
            "start.md": (
                "---\n"
                "title: Vraag\n"
                "options:\n"
                "  - label: Ja\n"
                "    labels: [rood]\n"
                "    next:\n"
                "      - when: roood\n"
                "        next: einde\n"
                "      - next: einde\n"
                "---\n"
            ),
            "einde.md": ("---\ntitle: Einde\n---\n"),
        },
        [
            "content/start.md:4: waarschuwing: het label 'rood' wordt gezet, maar "
            "nergens getest of getoond; gebruik het in een 'when' of een '::: "
            "als'-blok, of haal het weg",
            "content/start.md:7: fout: het label 'roood' wordt getest, maar geen "
            "antwoord zet het (bedoel je 'rood'?); zet het met 'labels: [roood]' "
            "bij een antwoord, of verbeter de naam",
        ],
    ),
    "multiple-not-true-or-false": (
        {
            "start.md": page("Welke?", "multiple: ja\noptions:\n  - label: A\nnext: einde\n"),
            "einde.md": OK_END,
        },
        ["content/start.md:3: fout: 'multiple' moet true of false zijn, niet 'ja'"],
    ),
    "multiple-without-answers": (
        {"start.md": page("Welke?", "multiple: true\nnext: einde\n"), "einde.md": OK_END},
        [
            "content/start.md:3: fout: een vraag met 'multiple: true' heeft antwoorden nodig om "
            "uit te kiezen; geef ze onder 'options', elk met 'label' (en meestal 'labels')"
        ],
    ),
    "multiple-with-only-none": (
        {
            "start.md": page(
                "Welke?", "multiple: true\noptions:\n  - label: Geen\n    none: true\nnext: einde\n"
            ),
            "einde.md": OK_END,
        },
        [
            "content/start.md:4: fout: een vraag met 'multiple: true' heeft antwoorden nodig om "
            "uit te kiezen; geef ze onder 'options', elk met 'label' (en meestal 'labels')"
        ],
    ),
    "multiple-without-next": (
        {"start.md": page("Welke?", "multiple: true\noptions:\n  - label: A\n  - label: B\n")},
        [
            "content/start.md:3: fout: een vraag met 'multiple: true' gaat verder met haar eigen "
            "'next', na alle gekozen antwoorden; geef 'next' bij de vraag (een pagina, of keuzes "
            "met 'when')"
        ],
    ),
    "multiple-answer-with-next": (
        {
            "start.md": page(
                "Welke?",
                "multiple: true\noptions:\n  - label: A\n    next: einde\n  - label: B\n"
                "next: einde\n",
            ),
            "einde.md": OK_END,
        },
        [
            "content/start.md:6: fout: in een vraag met 'multiple: true' heeft een antwoord geen "
            "'next': de vraag zelf gaat verder met haar 'next'; zet het antwoord een label en "
            "kies de weg met 'when' bij de 'next' van de vraag"
        ],
    ),
    "none-without-multiple": (
        {
            "start.md": page(
                "Welke?",
                "options:\n  - label: A\n    next: einde\n  - label: Geen\n    none: true\n"
                "    next: einde\n",
            ),
            "einde.md": OK_END,
        },
        [
            "content/start.md:7: fout: 'none: true' kan alleen bij een vraag met 'multiple: "
            "true'; bij een gewone vraag sluiten de antwoorden elkaar al uit: haal 'none' weg"
        ],
    ),
    "none-with-labels": (
        {
            "start.md": page(
                "Welke?",
                "multiple: true\noptions:\n  - label: A\n  - label: Geen van deze\n"
                "    none: true\n    labels: [niets]\nnext: einde\n",
            ),
            "einde.md": OK_END,
        },
        [
            "content/start.md:8: fout: het antwoord 'Geen van deze' heeft 'none: true' en zet "
            "dus niets: haal 'labels' weg (wie het kiest, koos geen van de andere antwoorden)"
        ],
    ),
    "two-none": (
        {
            "start.md": page(
                "Welke?",
                "multiple: true\noptions:\n  - label: A\n  - label: Geen van deze\n"
                "    none: true\n  - label: Geen van beide\n    none: true\nnext: einde\n",
            ),
            "einde.md": OK_END,
        },
        [
            "content/start.md:8: fout: het antwoord 'Geen van beide' is het tweede met 'none: "
            "true'; een vraag heeft hoogstens één antwoord dat de andere uitsluit"
        ],
    ),
    "count-never-holds": (
        {
            "start.md": page(
                "Welke?",
                "multiple: true\noptions:\n  - label: A\n    labels: [a]\n  - label: B\n"
                "    labels: [b]\nnext:\n  - when: minstens 3 van (a, b)\n    next: einde\n"
                "  - next: einde\n",
            ),
            "einde.md": OK_END,
        },
        [
            "content/start.md:10: fout: de voorwaarde 'minstens 3 van (a, b)' is niet te lezen: "
            "minstens 3 van 2 labels kan nooit gelden; noem meer labels of een kleiner getal; "
            "schrijf labels met en, of, niet en haakjes, zoals: aanbieder en niet (open-source "
            "of importeur), en tel ze met minstens of hoogstens, zoals: minstens 2 van (a, b, c)",
        ],
    ),
    "label-and-link-mistakes-at-once": (  # the label checks are with the others
        {
            "start.md": (
                "---\n"
                "title: Vraag\n"
                "options:\n"
                "  - label: Ja\n"
                "    labels: [rood]\n"
                "    next:\n"
                "      - when: roood\n"
                "        next: einde\n"
                "      - next: eind\n"
                "---\n"
            ),
            "einde.md": ("---\ntitle: Einde\n---\n"),
        },
        [
            "content/start.md:4: waarschuwing: het label 'rood' wordt gezet, maar "
            "nergens getest of getoond; gebruik het in een 'when' of een '::: "
            "als'-blok, of haal het weg",
            "content/start.md:7: fout: het label 'roood' wordt getest, maar geen "
            "antwoord zet het (bedoel je 'rood'?); zet het met 'labels: [roood]' "
            "bij een antwoord, of verbeter de naam",
            "content/start.md:9: fout: optie 'Ja' verwijst naar 'eind', die niet bestaat "
            "(bedoel je 'einde'?); gebruik de bestandsnaam van een pagina zonder .md",
        ],
    ),
    "condition-unreadable": (
        {
            "start.md": (
                "---\n"
                "title: Vraag\n"
                "options:\n"
                "  - label: Ja\n"
                "    labels: [rood]\n"
                "    next:\n"
                "      - when: rood en\n"
                "        next: einde\n"
                "---\n"
            ),
            "einde.md": ("---\ntitle: Einde\n---\n"),
        },
        [
            "content/start.md:7: fout: de voorwaarde 'rood en' is niet te lezen: na "
            "'en' ontbreekt een label; schrijf labels met en, of, niet en haakjes, "
            "zoals: aanbieder en niet (open-source of importeur), en tel ze met minstens of "
            "hoogstens, zoals: minstens 2 van (a, b, c)",
        ],
    ),
    "no-condition-holds": (
        {
            "start.md": (
                "---\n"
                "title: Vraag\n"
                "options:\n"
                "  - label: Ja\n"
                "    labels: [rood]\n"
                "    next: kleur\n"
                "  - label: Nee\n"
                "    next: kleur\n"
                "---\n"
            ),
            "kleur.md": (
                "---\n"
                "title: Kleur\n"
                "options:\n"
                "  - label: Verder\n"
                "    next:\n"
                "      - when: rood\n"
                "        next: einde\n"
                "---\n"
            ),
            "einde.md": ("---\ntitle: Einde\n---\n"),
        },
        [
            "content/kleur.md:4: fout: na het antwoord 'Verder' geldt hier geen "
            "enkele 'when', zo kan de lezer niet verder: dat gebeurt na 'Nee' "
            "(labels: geen); voeg als laatste een keuze zonder 'when' toe, of een "
            "voorwaarde die dan geldt",
        ],
    ),
    "condition-never-holds": (
        {
            "start.md": (
                "---\n"
                "title: Vraag\n"
                "options:\n"
                "  - label: Ja\n"
                "    labels: [rood, blauw]\n"
                "    next:\n"
                "      - when: rood\n"
                "        next: einde\n"
                "      - when: blauw\n"
                "        next: einde\n"
                "      - next: einde\n"
                "---\n"
            ),
            "einde.md": ("---\ntitle: Einde\n---\n"),
        },
        [
            "content/start.md:9: waarschuwing: de keuze naar 'einde' (als blauw) wordt "
            "op geen enkele route gekozen: de labels komen zo nooit samen, of een "
            "keuze ervoor geldt dan al; pas de voorwaarde of de volgorde aan, of "
            "haal de keuze weg",
            "content/start.md:11: waarschuwing: de keuze naar 'einde' (anders) "
            "wordt op geen enkele route gekozen: de labels komen zo nooit samen, of "
            "een keuze ervoor geldt dan al; pas de voorwaarde of de volgorde aan, "
            "of haal de keuze weg",
        ],
    ),
    "block-never-shown": (
        {
            "start.md": SETS_ROOD,
            "einde.md": ("---\ntitle: Einde\n---\nTekst.\n\n::: als niet rood\nNooit.\n:::\n"),
        },
        [
            "content/einde.md:6: waarschuwing: het blok 'als niet rood' wordt op "
            "geen enkele route getoond: de labels komen hier zo nooit samen; pas de "
            "voorwaarde aan, of haal het blok weg",
        ],
    ),
    "title-never-shown": (
        {
            "start.md": SETS_ROOD,
            "einde.md": (
                "---\ntitle:\n  - when: niet rood\n    title: Nooit\n  - title: Einde\n---\n"
            ),
        },
        [
            "content/einde.md:3: waarschuwing: de kop 'als niet rood' staat op geen "
            "enkele route: de labels komen hier zo nooit samen; pas de voorwaarde aan, "
            "of haal de kop weg",
        ],
    ),
    "title-list-without-otherwise": (
        {
            "start.md": SETS_ROOD,
            "einde.md": ("---\ntitle:\n  - when: rood\n    title: Rood\n---\n"),
        },
        [
            "content/einde.md:2: fout: 'title' is een lijst zonder kop voor alle andere "
            "situaties; zet als laatste een '- title: Kop' zonder 'when' (die staat ook "
            "op het overzicht)",
        ],
    ),
    "title-last-with-its-own-mistake": (
        {
            "start.md": SETS_ROOD,
            "einde.md": ("---\ntitle:\n  - when: rood\n    title: Rood\n  - titel: Einde\n---\n"),
        },
        [  # the otherwise title is there, misspelt: said once, not also as missing
            "content/einde.md:5: fout: onbekende sleutel 'titel' in een kop onder 'title' "
            "(bedoel je 'title'?); toegestaan zijn: when, title",
        ],
    ),
    "misspelt-key-said-once": (
        {
            "start.md": page("Vraag", "options:\n  - lable: Ja\n    next: einde\n"),
            "einde.md": "---\ntitel: Einde\n---\n",
        },
        [  # not also "'title' ontbreekt": the message names the key it was meant as
            "content/einde.md:2: fout: onbekende sleutel 'titel' in de front matter (bedoel "
            "je 'title'?); toegestaan zijn: title, step, next, next_label, options, multiple, "
            "topic",
            "content/start.md:4: fout: onbekende sleutel 'lable' in een optie (bedoel je "
            "'label'?); toegestaan zijn: label, next, hint, labels, short, none",
        ],
    ),
    "title-otherwise-not-last": (
        {
            "start.md": SETS_ROOD,
            "einde.md": ("---\ntitle:\n  - title: Einde\n  - when: rood\n    title: Rood\n---\n"),
        },
        [
            "content/einde.md:3: fout: deze keuze heeft geen 'when' en geldt dus altijd: "
            "de keuzes erna worden nooit gekozen; zet hem als laatste, of geef hem een "
            "'when'",
        ],
    ),
    "block-not-closed": (
        {
            "start.md": SETS_ROOD,
            "einde.md": ("---\ntitle: Einde\n---\nTekst.\n\n::: als rood\nRood.\n"),
        },
        [
            "content/einde.md:6: fout: dit '::: als'-blok wordt niet gesloten; zet "
            "een regel met alleen ::: waar het blok eindigt",
        ],
    ),
    "block-in-block": (
        {
            "start.md": SETS_ROOD,
            "einde.md": ("---\ntitle: Einde\n---\n::: als rood\nRood.\n::: als niet rood\n:::\n"),
        },
        [
            "content/einde.md:6: fout: een '::: als'-blok staat binnen het blok van "
            "regel 4; sluit dat eerst met een regel ':::'",
        ],
    ),
    "block-line-unknown": (
        {
            "start.md": SETS_ROOD,
            "einde.md": ("---\ntitle: Einde\n---\n::: als rood\nRood.\n::: klaar\n"),
        },
        [
            "content/einde.md:4: fout: dit '::: als'-blok wordt niet gesloten; zet "
            "een regel met alleen ::: waar het blok eindigt",
            "content/einde.md:6: fout: '::: klaar' is geen blokregel; een blok "
            "begint met '::: als voorwaarde' of '::: onder de antwoorden' en eindigt met "
            "een regel met alleen :::",
        ],
    ),
    "otherwise-not-last": (
        {
            "start.md": (
                "---\n"
                "title: Vraag\n"
                "options:\n"
                "  - label: Ja\n"
                "    labels: [rood]\n"
                "    next:\n"
                "      - next: einde\n"
                "      - when: rood\n"
                "        next: einde\n"
                "---\n"
            ),
            "einde.md": ("---\ntitle: Einde\n---\n"),
        },
        [
            "content/start.md:7: fout: deze keuze heeft geen 'when' en geldt dus "
            "altijd: de keuzes erna worden nooit gekozen; zet hem als laatste, of "
            "geef hem een 'when'",
        ],
    ),
    "empty-next-list": (
        {
            "start.md": ("---\ntitle: Vraag\nnext: []\n---\n"),
            "einde.md": ("---\ntitle: Einde\n---\n"),
        },
        [
            "content/start.md:3: fout: 'next' is een lege lijst; zet er keuzes "
            "onder, zoals '- when: label' met 'next: pagina', of schrijf één "
            "pagina: next: pagina",
        ],
    ),
    "label-not-a-word": (
        {
            "start.md": (
                "---\n"
                "title: Vraag\n"
                "options:\n"
                "  - label: Ja\n"
                "    labels: [hoog risico]\n"
                "    next: einde\n"
                "---\n"
            ),
            "einde.md": ("---\ntitle: Einde\n---\n"),
        },
        [
            "content/start.md:5: fout: 'hoog risico' kan geen label zijn: een label "
            "is één woord van letters, cijfers, - en _ (en niet en, of of niet), "
            "zoals hoog-risico",
        ],
    ),
    "loop-labels-cannot-break": (
        {
            "start.md": (
                "---\n"
                "title: Vraag\n"
                "options:\n"
                "  - label: Ja\n"
                "    labels: [rood]\n"
                "    next: a\n"
                "  - label: Nee\n"
                "    next: a\n"
                "---\n"
            ),
            "a.md": ("---\ntitle: A\nnext: b\n---\n"),
            "b.md": (
                "---\n"
                "title: B\n"
                "options:\n"
                "  - label: Terug\n"
                "    next: a\n"
                "  - label: Klaar\n"
                "    next:\n"
                "      - when: niet rood\n"
                "        next: einde\n"
                "      - next: a\n"
                "---\n"
            ),
            "einde.md": ("---\ntitle: Einde\n---\n"),
        },
        [
            "content/b.md:4: fout: de rondgang a → b → a heeft met de labels van de "
            "lezer geen uitweg (bijvoorbeeld na 'Ja'); zorg dat een voorwaarde in "
            "de rondgang dan naar een einde leidt",
        ],
    ),
    "in-te-vullen": (
        {
            "start.md": page("Start", "next: einde\n", "[IN TE VULLEN] Wat de boom doet.\n"),
            "einde.md": OK_END,
        },
        [
            "content/start.md:5: waarschuwing: hier staat nog [IN TE VULLEN]: schrijf de "
            "tekst die erna gevraagd wordt en haal [IN TE VULLEN] weg, voordat je de boom "
            "publiceert",
        ],
    ),
    "kringloop": (
        {
            "start.md": page(
                "Welke kant op?",
                "options:\n  - label: Links\n    next: links\n  - label: Rechts\n    next: einde\n",
            ),
            "links.md": page(
                "Weet je het zeker?",
                "options:\n  - label: Ja\n    next: start\n  - label: Nee\n    next: einde\n",
            ),
            "einde.md": OK_END,
        },
        [
            "content/links.md:4: waarschuwing: wie vanaf de start steeds dezelfde antwoorden "
            "geeft, gaat hier eindeloos rond: start → links → start, met de antwoorden 'Links' "
            "→ 'Ja'; laat een van die antwoorden of voorwaarden dan verder leiden, of maak de "
            "weg terug een bewuste keuze op een pagina zonder vraag (zoals 'Kies een andere "
            "rol')",
        ],
    ),
    "kringloop-labels": (
        {
            "start.md": page(
                "Is de code open?",
                "options:\n  - label: Ja\n    labels: [open]\n    next: plicht\n"
                "  - label: Nee\n    labels: [dicht]\n    next: plicht\n",
            ),
            "plicht.md": page(
                "Geldt de plicht?",
                "options:\n  - label: Ja\n    next: uitzondering\n"
                "  - label: Nee\n    labels: [geen-plicht]\n    next: einde\n",
            ),
            "uitzondering.md": page(
                "Is er een uitzondering?",
                "options:\n  - label: Ja\n    next: einde\n  - label: Nee\n    next:\n"
                "      - when: niet geen-plicht\n        next: start\n      - next: einde\n",
            ),
            "einde.md": page(
                "Einde", body="::: als open\nOpen.\n:::\n::: als dicht\nDicht.\n:::\n"
            ),
        },
        [
            "content/uitzondering.md:8: waarschuwing: wie na 'Ja' → 'Ja' → 'Nee' steeds "
            "dezelfde antwoorden geeft, gaat hier eindeloos rond: start → plicht → "
            "uitzondering → start, met de antwoorden 'Ja' → 'Ja' → 'Nee', telkens met de "
            "labels open; laat een van die antwoorden of voorwaarden dan verder leiden, of "
            "maak de weg terug een bewuste keuze op een pagina zonder vraag (zoals 'Kies een "
            "andere rol')",
            "content/uitzondering.md:10: waarschuwing: de keuze naar 'einde' (anders) wordt "
            "op geen enkele route gekozen: de labels komen zo nooit samen, of een keuze "
            "ervoor geldt dan al; pas de voorwaarde of de volgorde aan, of haal de keuze weg",
        ],
    ),
}

SITE_CASES = {
    "site-date-that-does-not-exist": (
        "title: Testboom\nstart: start\nupdated: 2026-11-31\n",
        [
            "content/site.yml:3: fout: 'updated' is geen datum; schrijf hem als "
            "jaar-maand-dag, zoals updated: 2026-11-28"
        ],
    ),
    "site-date-not-a-date": (
        "title: Testboom\nstart: start\nowner: Team\nupdated: gisteren\n",
        [
            "content/site.yml:4: fout: 'updated' is geen datum; schrijf hem als "
            "jaar-maand-dag, zoals updated: 2026-11-28"
        ],
    ),
    "site-missing": (
        None,
        [
            "content/site.yml: fout: site.yml ontbreekt; maak het bestand aan "
            "met ten minste 'title:' en 'start:'"
        ],
    ),
    "site-empty": (
        "",
        ["content/site.yml:1: fout: site.yml is leeg; zet er ten minste 'title:' en 'start:' in"],
    ),
    "site-invalid": (
        "title: [Boom\nstart: start\n",
        [
            "content/site.yml:1: fout: ongeldige YAML: een lijst tussen [ en ] wordt "
            "niet afgesloten met ]; is het tekst, zet die dan tussen aanhalingstekens, zoals "
            'title: "[Welkom"'
        ],
    ),
    "site-no-start": (
        "title: Boom\n",
        ["content/site.yml:1: fout: 'start' ontbreekt in site.yml; voeg toe: start: ..."],
    ),
    "site-unknown-key": (
        "title: Boom\nstart: start\ncontacts: {}\n",
        [
            "content/site.yml:3: fout: onbekende sleutel 'contacts' in site.yml "
            "(bedoel je 'contact'?); toegestaan zijn: title, start, contact, limits, "
            "labels, owner, updated, accessibility, version, steps, description"
        ],
    ),
    "accessibility-not-an-address": (
        "title: Boom\nstart: start\naccessibility: toegankelijkheid.html\n",
        [
            "content/site.yml:3: fout: 'accessibility' is geen webadres "
            "('toegankelijkheid.html'); schrijf het hele adres, beginnend met https://, zoals "
            "accessibility: https://www.rijksoverheid.nl/toegankelijkheid"
        ],
    ),
    "start-unknown": (
        "title: Boom\nstart: strat\n",
        [
            "content/site.yml:2: fout: start 'strat' bestaat niet (bedoel je "
            "'start'?); zet hier de naam van een pagina, zonder .md"
        ],
    ),
    "contact-person-without-name": (
        "title: Boom\nstart: start\ncontact:\n  people:\n    - phone: 06 12345678\n",
        [
            "content/site.yml:5: fout: 'name' ontbreekt in een persoon onder 'people'; voeg toe: "
            "name: ..."
        ],
    ),
}


@pytest.mark.parametrize("files, expected", CASES.values(), ids=CASES.keys())
def test_content_check(make_tree, files, expected):
    assert messages(make_tree(files)) == expected


@pytest.mark.parametrize("site, expected", SITE_CASES.values(), ids=SITE_CASES.keys())
def test_site_check(make_tree, site, expected):
    assert messages(make_tree({"start.md": page("Start")}, site=site)) == expected


def test_all_mistakes_are_reported_at_once(make_tree):
    content = make_tree(
        {
            "start.md": page("Start", "next: a\n"),
            "a.md": page("A", "nxt: b\n"),
            "b.md": "geen front matter\n",
            "c.md": page("C", "next: zzz\n"),
        }
    )
    found = messages(content)
    assert [line.split(": ")[0] for line in found] == [
        "content/a.md:3",
        "content/b.md:1",
        "content/c.md:3",  # not 'c is out of reach': b can't be read and might lead there
    ]


def test_loop_with_a_way_out_is_fine(make_tree):
    content = make_tree(
        {
            "start.md": page(
                "Start",
                "options:\n  - label: Nog eens\n    next: uitleg\n"
                "  - label: Klaar\n    next: einde\n",
            ),
            "uitleg.md": page("Uitleg", "next: start\n"),
            "einde.md": OK_END,
        }
    )
    assert messages(content) == []


def test_a_loop_the_labels_break_is_fine(make_tree):
    """Sent back once, a reader comes back with another label and is let out: no loop for
    ever, so no warning (MinBZK fixed its 2.9 -> 2.10 -> 2.11 loop that way)."""
    content = make_tree(
        {
            "start.md": page(
                "Is de code open?",
                "options:\n  - label: Ja\n    next: uitzondering\n"
                "  - label: Nee\n    next: einde\n",
            ),
            "uitzondering.md": page(
                "Is er een uitzondering?",
                "options:\n  - label: Ja\n    next: einde\n  - label: Nee\n    next:\n"
                "      - when: niet gevraagd\n        next: nog-eens\n      - next: einde\n",
            ),
            "nog-eens.md": page(
                "Wil je de eerste vraag nog eens lezen?",
                "options:\n  - label: Ja\n    labels: [gevraagd]\n    next: start\n"
                "  - label: Nee\n    next: einde\n",
            ),
            "einde.md": OK_END,
        }
    )
    found = messages(content)
    assert not [line for line in found if "eindeloos" in line], found


def test_bom_and_crlf_are_read(make_tree):
    content = make_tree(
        {
            "start.md": "\ufeff---\r\ntitle: Start\r\nnext: einde\r\n---\r\nTekst\r\n",
            "einde.md": "---\rtitle: Einde\r---\r",
        },
        site="\ufefftitle: Boom\r\nstart: start\r\n",
    )
    assert messages(content) == []


def test_site_yml_line_numbers_count_from_the_file(make_tree):
    content = make_tree({"start.md": page("Start")}, site=SITE_YML + "\n# opmerking\nfoo: 1\n")
    [found] = messages(content)
    assert found.startswith("content/site.yml:5: fout: onbekende sleutel 'foo' in site.yml;")


ERROR_CASES = {name: case for name, case in CASES.items() if any(": fout: " in m for m in case[1])}


@pytest.mark.parametrize("files, expected", ERROR_CASES.values(), ids=ERROR_CASES.keys())
def test_a_mistake_leaves_the_last_site_untouched_and_shows_no_traceback(
    make_tree, tmp_path, capsys, files, expected
):
    from beslisboom.cli import main

    good = make_tree({"start.md": page("Welkom", "next: einde\n"), "einde.md": OK_END})
    out = tmp_path / "dist"
    assert main(["build", "--content", str(good), "--out", str(out)]) == 0
    before = {p: p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    wrong = tmp_path / "fout"
    wrong.mkdir()
    for name, text in files.items():
        (wrong / name).parent.mkdir(parents=True, exist_ok=True)
        (wrong / name).write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    (wrong / "site.yml").write_text(SITE_YML, encoding="utf-8")
    capsys.readouterr()
    assert main(["build", "--content", str(wrong), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.endswith("Er is niets geschreven; dist is ongewijzigd.\n")
    assert {p: p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()} == before


LABELS_TREE = {
    "start.md": (
        "---\n"
        "title: Vraag\n"
        "options:\n"
        "  - label: Ja\n"
        "    labels: [rood]\n"
        "    next: a\n"
        "  - label: Nee\n"
        "    labels: [blauw]\n"
        "    next: a\n"
        "---\n"
    ),
    "a.md": (
        "---\n"
        "title: A\n"
        "options:\n"
        "  - label: Ja\n"
        "    labels: [groen]\n"
        "    next: einde\n"
        "  - label: Nee\n"
        "    next: einde\n"
        "---\n"
    ),
    "einde.md": (
        "---\n"
        "title: Einde\n"
        "---\n"
        "::: als rood\n"
        "R\n"
        ":::\n"
        "::: als blauw\n"
        "B\n"
        ":::\n"
        "::: als groen\n"
        "G\n"
        ":::\n"
    ),
}

# site.yml cases that need a tree with labels
LABEL_SITE_CASES = {
    "too-many-pages": (
        "title: Testboom\nstart: start\nlimits:\n  extra_pages: 2\n",
        [
            "content/site.yml:3: fout: de labels maken 4 pagina's extra, meer dan de "
            "grens van 2 (limits: extra_pages in site.yml); de "
            "meeste komen van groen, blauw, rood: test die labels op minder "
            "plaatsen, of verhoog de grens",
        ],
    ),
    "label-in-two-groups": (
        "title: Testboom\nstart: start\nlabels:\n  Kleur:\n    rood: Rood\n"
        "  Andere kleur:\n    rood: Ook rood\n    blauw: Blauw\n",
        [
            "content/site.yml:7: fout: de sleutel 'rood' staat twee keer in 'labels'; "
            "haal er één weg",
        ],
    ),
    "label-in-a-group-not-a-word": (
        "title: Testboom\nstart: start\nlabels:\n  Kleur:\n    rood: Rood\n"
        "    licht blauw: Blauw\n",
        [
            "content/site.yml:6: fout: 'licht blauw' kan geen label zijn: een label is één "
            "woord van letters, cijfers, - en _ (en niet en, of of niet), zoals hoog-risico",
        ],
    ),
    "label-words-unused": (
        "title: Testboom\nstart: start\nlabels:\n  rood: Je koos rood\n  paars: Paars\n",
        [
            "content/site.yml:3: waarschuwing: 'labels' geeft woorden voor 'paars', "
            "maar geen antwoord zet dat label; verbeter de naam, of haal de regel "
            "weg",
        ],
    ),
}


@pytest.mark.parametrize("site, expected", LABEL_SITE_CASES.values(), ids=LABEL_SITE_CASES.keys())
def test_label_site_check(make_tree, site, expected):
    assert messages(make_tree(LABELS_TREE, site=site)) == expected


# Files and a site.yml together: the checks that need both.
TREE_AND_SITE_CASES = {
    "ticking-makes-too-many-pages": (
        {
            "start.md": page(
                "Wat geldt?",
                "multiple: true\noptions:\n"
                + "".join(f"  - label: {n.upper()}\n    labels: [{n}]\n" for n in "abcde")
                + "next: einde\n",
            ),
            "einde.md": OK_END,
        },
        "title: Testboom\nstart: start\nlimits:\n  extra_pages: 10\nlabels:\n"
        + "".join(f"  {n}: {n.upper()}\n" for n in "abcde"),
        [
            "content/start.md:5: fout: de vraag 'Wat geldt?' maakt de meeste van de 61 pagina's "
            "extra, meer dan de grens van 10 (limits: extra_pages in site.yml): elke combinatie "
            "van haar antwoorden waarvan de labels verderop apart tellen, krijgt eigen pagina's "
            "(de meeste komen van a, b, c); tel die labels met 'minstens' of 'hoogstens', test "
            "ze op minder plaatsen, of verhoog de grens"
        ],
    ),
}


@pytest.mark.parametrize(
    "files, site, expected", TREE_AND_SITE_CASES.values(), ids=TREE_AND_SITE_CASES.keys()
)
def test_tree_and_site_check(make_tree, files, site, expected):
    assert messages(make_tree(files, site=site)) == expected


def test_a_new_key_needs_only_its_line_in_the_table_and_a_template(
    make_tree, tmp_path, monkeypatch
):
    """keys.py's promise: a text key is read, reaches the templates and is known to the
    unknown-key message from its line in keys.PAGE alone."""
    import shutil

    from beslisboom import keys
    from beslisboom.cli import main

    line = keys.Key("summary", "een samenvatting in één zin, boven de tekst", text=True)
    monkeypatch.setattr(keys, "PAGE", (*keys.PAGE, line))
    templates = tmp_path / "sjablonen"
    shutil.copytree(ROOT / "templates", templates)
    shown = templates / "node_content.html"
    shown.write_text(
        shown.read_text(encoding="utf-8").replace(
            "{% if body %}",
            '{% if node.texts.summary %}<p class="summary">{{ node.texts.summary }}</p>'
            "{% endif %}\n{% if body %}",
            1,
        ),
        encoding="utf-8",
    )
    content = make_tree(
        {"start.md": page("Start", "summary: Kort gezegd\nnext: einde\n"), "einde.md": OK_END}
    )
    out = tmp_path / "dist"
    command = ["build", "--content", str(content), "--out", str(out), "--templates"]
    assert main([*command, str(templates)]) == 0
    assert '<p class="summary">Kort gezegd</p>' in (out / "index.html").read_text("utf-8")
    assert '<p class="summary">' not in (out / "einde.html").read_text("utf-8")
    (content / "einde.md").write_text(page("Einde", "sumary: Klaar\n"), encoding="utf-8")
    assert messages(content) == [
        "content/einde.md:3: fout: onbekende sleutel 'sumary' in de front matter (bedoel je "
        "'summary'?); toegestaan zijn: title, step, next, next_label, options, multiple, topic, "
        "summary"
    ]
