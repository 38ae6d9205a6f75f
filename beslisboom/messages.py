"""Every message an editor can get, in one place; docs/handleiding.md explains each one.

The code of a message (the key) is what the guide and the tests refer to. Placeholders
in braces are filled in by say().
"""

from __future__ import annotations

import difflib
import errno

MESSAGES = {
    # Files
    "niet-leesbaar": "kan het bestand niet lezen ({reason})",
    "geen-gewoon-bestand": (
        "dit is geen gewoon bestand (maar bijvoorbeeld een apparaat of een pijp); zet hier "
        "een tekstbestand neer, of haal het weg"
    ),
    "kopie-overgeslagen": (
        "dit lijkt een kopie van {original} (zoals Verkenner die maakt); de build slaat het "
        "over: haal het weg, of geef het een eigen naam als het een nieuwe pagina moet zijn"
    ),
    "verkeerde-extensie": (
        "de build leest alleen pagina's waarvan de naam eindigt op .md; hernoem dit bestand "
        "naar {name}"
    ),
    "link-buiten-content": (
        "dit is een koppeling naar {target}, buiten de map met de inhoud; de build publiceert "
        "alleen bestanden uit die map: kopieer het bestand hierheen"
    ),
    "geen-utf8": (
        "het bestand is geen UTF-8-tekst; sla het op als UTF-8 "
        "(in Kladblok: Opslaan als, Codering: UTF-8)"
    ),
    "geen-paginas": "geen pagina's gevonden; zet per pagina een Markdown-bestand (.md) in deze map",
    "dubbele-id": (
        "de id '{id}' bestaat al: ook {other} heet zo; geef een van beide bestanden een andere naam"
    ),
    "html-wegsturen": (
        "de tekst bevat {tag}: daarmee kan een pagina de lezer ongevraagd naar een andere "
        "pagina sturen; haal het weg en zet een gewone link in de tekst"
    ),
    "afbeelding-zonder-alt": (
        "de afbeelding {ref} heeft geen beschrijving; wie haar niet ziet, mist wat erop staat: "
        "schrijf tussen de [ ] wat de afbeelding laat zien, zoals ![Schema van de stappen]({ref})"
    ),
    "link-schema": (
        "de link {href} begint met '{scheme}:'; zo'n link kan een script starten of een "
        "bestand op de computer van de lezer openen: gebruik een webadres (https://...), een "
        "mailadres (mailto:...), een telefoonnummer (tel:...) of een pagina (stap.md)"
    ),
    "link-naar-html": (
        "de link naar {ref} wijst naar een pagina zoals de site hem noemt; schrijf de naam "
        "van het bestand in content/: {name}"
    ),
    "afbeelding-adres": (
        "de afbeelding {ref} komt niet uit de map met de inhoud; de site laadt niets van "
        "buiten: zet het bestand naast de pagina en schrijf ![beschrijving](naam.png)"
    ),
    "bestand-soort": (
        "het bestand {ref} bestaat, maar de site publiceert geen bestanden van de soort {kind}; "
        "sla het op als PDF (of als .docx, .xlsx, .pptx, .odt, .txt, .csv, of een plaatje "
        ".png, .jpg, .svg) en link daarnaar"
    ),
    "svg-actief": (
        "de afbeelding {ref} bevat {what}; zo'n SVG kan op de site iets laten draaien of van "
        "buiten laden: sla hem op zonder scripts en links (in Inkscape: Opslaan als, "
        "Geoptimaliseerde SVG), of gebruik een PNG"
    ),
    "bestand-ontbreekt": (
        "het bestand {ref} bestaat niet{hint}; zet het naast de pagina in content/, of "
        "verbeter de naam (let op hoofdletters)"
    ),
    "bijlage-te-groot": (
        "het bestand {ref} is {size} MB, meer dan de {limit} MB die in het ene bestand mag "
        "(limits: attachment_mb in site.yml); maak het kleiner of verhoog de grens"
    ),
    "html-niet-toegestaan": (
        "{tag} mag niet in de tekst: op de site doet het niets of het hoort in het sjabloon; "
        "schrijf de tekst in Markdown (vet, lijsten, links, tabellen), of vraag de beheerder "
        "van de sjablonen"
    ),
    "html-attribuut": (
        "het attribuut {attribute} in {tag} mag niet in de tekst: de beveiliging van de site "
        "blokkeert het (zoals style= en onclick=); haal het weg"
    ),
    "kop-in-tekst": (
        "een kop met één # wordt een tweede paginatitel, maar de titel staat al in 'title'; "
        "gebruik ## voor een kopje in de tekst"
    ),
    "sleutel-in-tekst": (
        "deze regel lijkt de sleutel '{key}', maar staat onder de front matter en wordt dus "
        "gewone tekst; zet hem boven de regel '---' als hij een sleutel moet zijn"
    ),
    # Front matter
    "geen-front-matter": (
        "het bestand begint niet met front matter; zet op de eerste regel '---', daaronder "
        "de sleutels (zoals 'title: ...') en daarna weer een regel '---'"
    ),
    "front-matter-open": (
        "de front matter wordt niet afgesloten; zet een regel '---' onder de laatste sleutel "
        "en begin daarna pas met de tekst"
    ),
    "front-matter-leeg": "de front matter is leeg; zet er ten minste 'title: ...' in",
    # YAML
    "yaml-dubbele-punt": (
        "ongeldige YAML: een dubbele punt op een plek waar dat niet kan; zet een tekst met "
        'een dubbele punt tussen aanhalingstekens, zoals title: "Let op: dit"'
    ),
    "yaml-geen-dubbele-punt": "ongeldige YAML: hier ontbreekt een dubbele punt achter de sleutel",
    "yaml-vaste-spatie": (
        "ongeldige YAML: op deze regel staat een vaste spatie (zoals Word of een webpagina die "
        "plakt), die YAML niet als spatie leest; typ de spaties aan het begin en na de "
        "dubbele punt opnieuw"
    ),
    "yaml-te-groot": (
        "dit bestand zou door zijn verwijzingen (&naam en *naam) meer dan 200.000 waarden "
        "worden; zo'n bestand leest de build niet: schrijf de verwijzingen uit, of controleer "
        "waar het bestand vandaan komt"
    ),
    "yaml-tab": "ongeldige YAML: hier staat een tab; spring in met spaties",
    "yaml-lijst-open": (
        "ongeldige YAML: een lijst tussen [ en ] wordt niet afgesloten met ]; is het tekst, zet "
        'die dan tussen aanhalingstekens, zoals title: "[Welkom"'
    ),
    "yaml-inspringing": (
        "ongeldige YAML: de inspringing klopt niet; zet sleutels van hetzelfde niveau recht "
        "onder elkaar"
    ),
    "yaml-aanhalingsteken": "ongeldige YAML: een aanhalingsteken wordt niet afgesloten",
    "yaml-sterretje": (
        "ongeldige YAML: een * aan het begin van een waarde; zet de tekst tussen aanhalingstekens"
    ),
    "yaml-krul": (
        "ongeldige YAML: de aanhalingstekens “ ” (zoals Word ze typt) tellen in YAML niet als "
        'aanhalingstekens; typ gewone: title: "Let op: dit"'
    ),
    "yaml-apostrof": (
        "ongeldige YAML: een apostrof binnen enkele aanhalingstekens sluit de tekst af; schrijf "
        "de apostrof dubbel (zeg ''ja'') of zet de tekst tussen dubbele aanhalingstekens"
    ),
    "yaml-teken-begin": (
        "ongeldige YAML: een tekst die begint met een accolade, @ of % leest YAML als iets "
        'anders dan tekst; zet de hele tekst tussen aanhalingstekens, zoals title: "@Welkom"'
    ),
    "yaml-teken-leeg": (
        "'{key}' is leeg: YAML leest {text} niet als tekst (een # begint een opmerking, & en "
        'een ! betekenen iets anders); zet de tekst tussen aanhalingstekens: {key}: "{text}"'
    ),
    "losse-aanhalingsteken": (
        "'{key}' eindigt op een aanhalingsteken zonder begin, dus de pagina toont {text}; haal "
        'het weg, of zet de hele tekst tussen aanhalingstekens: {key}: "..."'
    ),
    "yaml-anders": (
        "ongeldige YAML; controleer op deze regel de dubbele punten, aanhalingstekens en "
        "inspringing, en zet een tekst die met een leesteken begint tussen aanhalingstekens"
    ),
    # Keys and values
    "geen-sleutels": "{where} moet bestaan uit sleutels met een waarde, zoals '{example}'",
    "dubbele-sleutel": "de sleutel '{key}' staat twee keer in {where}; haal er één weg",
    "onbekende-sleutel": "onbekende sleutel '{key}' in {where}{hint}; toegestaan zijn: {allowed}",
    # Labels and conditions
    "label-geen-woord": (
        "'{label}' kan geen label zijn: een label is één woord van letters, cijfers, - en _ "
        "(en niet en, of of niet), zoals hoog-risico"
    ),
    "voorwaarde-onleesbaar": (
        "de voorwaarde '{when}' is niet te lezen: {reason}; schrijf labels met en, of, niet "
        "en haakjes, zoals: aanbieder en niet (open-source of importeur), en tel ze met "
        "minstens of hoogstens, zoals: minstens 2 van (a, b, c)"
    ),
    "next-lijst-leeg": (
        "'next' is een lege lijst; zet er keuzes onder, zoals '- when: label' met 'next: "
        "pagina', of schrijf één pagina: next: pagina"
    ),
    "titel-zonder-anders": (
        "'title' is een lijst zonder kop voor alle andere situaties; zet als laatste een "
        "'- title: Kop' zonder 'when' (die staat ook op het overzicht)"
    ),
    "anders-niet-laatst": (
        "deze keuze heeft geen 'when' en geldt dus altijd: de keuzes erna worden nooit "
        "gekozen; zet hem als laatste, of geef hem een 'when'"
    ),
    "blok-in-blok": (
        "een '::: als'-blok staat binnen het blok van regel {line}; sluit dat eerst met een "
        "regel ':::'"
    ),
    "blok-niet-gesloten": (
        "dit '::: als'-blok wordt niet gesloten; zet een regel met alleen ::: waar het blok eindigt"
    ),
    "blok-regel-onbekend": (
        "'{text}' is geen blokregel; een blok begint met '::: als voorwaarde' of '::: onder "
        "de antwoorden' en eindigt met een regel met alleen :::"
    ),
    "label-nooit-gezet": (
        "het label '{label}' wordt getest, maar geen antwoord zet het{hint}; zet het met "
        "'labels: [{label}]' bij een antwoord, of verbeter de naam"
    ),
    "label-ongebruikt": (
        "het label '{label}' wordt gezet, maar nergens getest of getoond; gebruik het in een "
        "'when' of een '::: als'-blok, of haal het weg"
    ),
    "labelwoord-ongebruikt": (
        "'labels' geeft woorden voor '{label}', maar geen antwoord zet dat label; verbeter "
        "de naam, of haal de regel weg"
    ),
    "geen-voorwaarde-geldt": (
        "na het antwoord '{answer}' geldt hier geen enkele 'when', zo kan de lezer niet "
        "verder: dat gebeurt na {route} (labels: {labels}); voeg als laatste een keuze "
        "zonder 'when' toe, of een voorwaarde die dan geldt"
    ),
    "voorwaarde-nooit": (
        "de keuze naar '{target}' ({when}) wordt op geen enkele route gekozen: de labels "
        "komen zo nooit samen, of een keuze ervoor geldt dan al; pas de voorwaarde of de "
        "volgorde aan, of haal de keuze weg"
    ),
    "blok-nooit": (
        "het blok 'als {when}' wordt op geen enkele route getoond: de labels komen hier zo "
        "nooit samen; pas de voorwaarde aan, of haal het blok weg"
    ),
    "kop-nooit": (
        "de kop 'als {when}' staat op geen enkele route: de labels komen hier zo nooit "
        "samen; pas de voorwaarde aan, of haal de kop weg"
    ),
    "kringloop": (
        "wie {route} steeds dezelfde antwoorden geeft, gaat hier eindeloos rond: {loop}, "
        "met de antwoorden {answers}{labels}; laat een van die antwoorden of voorwaarden dan "
        "verder leiden, of maak de weg terug een bewuste keuze op een pagina zonder vraag "
        "(zoals 'Kies een andere rol')"
    ),
    "geen-uitweg-labels": (
        "de rondgang {loop} heeft met de labels van de lezer geen uitweg (bijvoorbeeld na "
        "{route}); zorg dat een voorwaarde in de rondgang dan naar een einde leidt"
    ),
    "te-veel-paginas": (
        "de labels maken {extra} pagina's extra, meer dan de grens van "
        "{limit} (limits: extra_pages in site.yml); de meeste komen van {labels}: test die "
        "labels op minder plaatsen, of verhoog de grens"
    ),
    "te-veel-paginas-meerkeuze": (
        "de vraag '{question}' maakt de meeste van de {extra} pagina's extra, meer dan de grens "
        "van {limit} (limits: extra_pages in site.yml): elke combinatie van haar antwoorden "
        "waarvan de labels verderop apart tellen, krijgt eigen pagina's (de meeste komen van "
        "{labels}); tel die labels met 'minstens' of 'hoogstens', test ze op minder plaatsen, "
        "of verhoog de grens"
    ),
    # Import
    "import-overgeslagen": "niet omgezet: {what}; zet dit zelf over in de pagina's",
    "in-te-vullen": (
        "hier staat nog {marker}: schrijf de tekst die erna gevraagd wordt en haal {marker} "
        "weg, voordat je de boom publiceert"
    ),
    "import-label-onbekend": (
        "de voorwaarde '{condition}' test {labels} dat geen antwoord zet; zoals in het "
        "origineel is dat er dus nooit, en {result}: controleer of een ander label bedoeld is"
    ),
    "import-vorm": (
        "{what} heeft niet de vorm van het MinBZK-formaat ({why}) en is niet omgezet; "
        "verbeter het bestand, of zet dit deel zelf over in de pagina's"
    ),
    "import-geen-boom": (
        "dit is geen beslisboom in het formaat van MinBZK: de lijst 'questions' ontbreekt"
    ),
    "geen-datum": (
        "'{key}' is geen datum; schrijf hem als jaar-maand-dag, zoals {key}: 2026-11-28"
    ),
    "geen-webadres": (
        "'{key}' is geen webadres ('{value}'); schrijf het hele adres, beginnend met "
        "https://, zoals {key}: https://www.rijksoverheid.nl/toegankelijkheid"
    ),
    "sleutel-ontbreekt": "'{key}' ontbreekt in {where}; voeg toe: {key}: ...",
    "waarde-leeg": "'{key}' is leeg in {where}; vul een tekst in",
    "geen-tekst": (
        "'{key}' moet tekst zijn, maar is {kind}; zet de waarde tussen aanhalingstekens: "
        '{key}: "{written}"'
    ),
    "geen-lijst": (
        "'{key}' moet een lijst zijn, met elk item op een eigen regel die begint met '- '"
    ),
    "stap-geen-getal": "'step' moet een heel getal vanaf 1 zijn, zoals 'step: 2'",
    "next-en-options": (
        "een pagina heeft 'next' óf 'options', niet allebei; haal een van de twee weg"
    ),
    "options-leeg": (
        "'options' is leeg; geef ten minste één optie met 'label' en 'next', of haal 'options' weg"
    ),
    "dubbel-label": "twee opties heten '{label}'; geef elke optie een eigen label",
    "geen-ja-nee": "'{key}' moet true of false zijn, niet '{written}'",
    "meerkeuze-zonder-antwoorden": (
        "een vraag met 'multiple: true' heeft antwoorden nodig om uit te kiezen; geef ze "
        "onder 'options', elk met 'label' (en meestal 'labels')"
    ),
    "meerkeuze-zonder-next": (
        "een vraag met 'multiple: true' gaat verder met haar eigen 'next', na alle gekozen "
        "antwoorden; geef 'next' bij de vraag (een pagina, of keuzes met 'when')"
    ),
    "meerkeuze-antwoord-met-next": (
        "in een vraag met 'multiple: true' heeft een antwoord geen 'next': de vraag zelf gaat "
        "verder met haar 'next'; zet het antwoord een label en kies de weg met 'when' bij de "
        "'next' van de vraag"
    ),
    "geen-van-deze-zonder-meerkeuze": (
        "'none: true' kan alleen bij een vraag met 'multiple: true'; bij een gewone vraag "
        "sluiten de antwoorden elkaar al uit: haal 'none' weg"
    ),
    "geen-van-deze-met-labels": (
        "het antwoord '{label}' heeft 'none: true' en zet dus niets: haal 'labels' weg (wie "
        "het kiest, koos geen van de andere antwoorden)"
    ),
    "geen-van-deze-dubbel": (
        "het antwoord '{label}' is het tweede met 'none: true'; een vraag heeft hoogstens één "
        "antwoord dat de andere uitsluit"
    ),
    # site.yml
    "site-ontbreekt": (
        "site.yml ontbreekt; maak het bestand aan met ten minste 'title:' en 'start:'"
    ),
    "site-leeg": "site.yml is leeg; zet er ten minste 'title:' en 'start:' in",
    "limiet-geen-getal": "'{key}' moet een heel getal vanaf 1 zijn, zoals '{key}: 10'",
    "start-onbekend": (
        "start '{start}' bestaat niet{hint}; zet hier de naam van een pagina, zonder .md"
    ),
    # The tree
    "optie-naar-zichzelf": (
        "optie '{label}' leidt terug naar deze pagina zelf, dus de lezer komt met dit "
        "antwoord niet verder; kies in 'next' de pagina die na dit antwoord komt"
    ),
    "verwijzing-onbekend": (
        "{what} verwijst naar '{target}', die niet bestaat{hint}; gebruik de bestandsnaam "
        "van een pagina zonder .md"
    ),
    "tekstlink-niet-gepubliceerd": (
        "de link in de tekst naar {target}.md wijst naar een pagina die de site niet "
        "publiceert, omdat geen route erheen leidt; laat een antwoord of 'next' naar "
        "'{target}' leiden, of haal de link weg"
    ),
    "tekstlink-onbekend": (
        "de link in de tekst naar {target}.md wijst naar een pagina die niet bestaat{hint}; "
        "gebruik de bestandsnaam van een pagina, zoals [stap 3](3-rol.md)"
    ),
    "verwijzing-gevolg": (
        "; daardoor zijn ook deze pagina's niet te bereiken, tot deze verwijzing klopt: {pages}"
    ),
    "onbereikbaar": (
        "pagina '{id}' is vanaf de start niet te bereiken; verwijs ernaar met 'next' of een "
        "optie, of verwijder het bestand"
    ),
    "geen-uitweg": (
        "deze verwijzing sluit een kringloop zonder uitweg ({loop}): wie erin komt, bereikt "
        "nooit een einde; geef een van deze pagina's een optie naar een pagina die verder leidt"
    ),
    "stap-gat": (
        "'step: {step}' slaat stap {gap} over, dus elke pagina zegt 'van {total}'; controleer "
        "het getal, of nummer de stappen zonder gat"
    ),
    "stap-terug": (
        "deze verwijzing gaat van stap {step} naar stap {to} ('{target}'), terug dus, terwijl "
        "de lezer die pagina hier voor het eerst bereikt; controleer 'step' van '{target}'"
    ),
    # Building
    "pagina-te-groot": (
        "de pagina {page} wordt {size} KB, meer dan de {limit} KB die site.yml toestaat "
        "(limits: page_kb); maak de tekst korter of verdeel hem over meer pagina's"
    ),
    "bestand-te-groot": (
        "het ene bestand {name} wordt {size} MB, meer dan de {limit} MB die site.yml "
        "toestaat (limits: single_mb); veel mailsystemen weigeren bijlagen vanaf 10 tot 25 MB: "
        "maak de teksten korter of deel het bestand via een map"
    ),
    "sjabloon": "fout in het sjabloon: {detail}",
    "gestopt": (
        "Gestopt (Ctrl+C). De uitvoermap is de vorige of de nieuwe site, nooit een halve; "
        "de volgende build ruimt op wat er nog naast staat."
    ),
    "import-vastgelopen": (
        "de omzetter liep vast op dit bestand ({kind}); er is niets geschreven. Controleer of "
        "het een decision-tree.yaml van MinBZK is, en meld het aan de beheerder van de build."
    ),
    "interne-fout": (
        "de build liep vast door een fout in de build zelf ({kind}), niet door de inhoud; er "
        "is niets geschreven: sla na een wijziging opnieuw op (de preview blijft kijken), en "
        "meld het aan de beheerder van de build, met de laatste wijziging"
    ),
    "niet-schrijfbaar": "kan de website niet schrijven ({reason}); {hint}",
    "verschil-geen-map": (
        "deze map bestaat niet; geef twee inhoudsmappen van dezelfde boom, elk met site.yml "
        "en de pagina's, zoals: python build.py verschil oud nieuw"
    ),
    "verschil-onleesbaar": (
        "{folder} is niet te vergelijken: zie de fouten hierboven; herstel die eerst "
        "(python build.py check --content {folder} noemt ze ook)"
    ),
    "verschil-bestaat-al": (
        "dit bestand bestaat al en is geen eerdere vergelijking; de opdracht overschrijft "
        "alleen een eigen pagina: kies met --html een nieuwe naam"
    ),
    "verschil-niet-schrijfbaar": (
        "kan de vergelijking niet schrijven ({reason}); kies met --html een andere plaats"
    ),
    "uitvoer-niet-van-ons": (
        "de map {out} bevat bestanden die deze build niet heeft gemaakt ({files}); de build "
        "vervangt alleen zijn eigen bestanden: kies met --out een lege of nieuwe map, of "
        "haal die bestanden eerst zelf weg"
    ),
    "uitvoer-geen-map": "{out} is geen map; kies met --out een (nieuwe) map voor de website",
    "uitvoer-vreemde-map": (
        "naast de uitvoermap staat {name}, die deze build niet heeft gemaakt; de build "
        "gebruikt die naam zelf: hernoem of verwijder die map"
    ),
    "uitvoer-andere-inhoud": (
        "de map {out} bevat de site van een andere inhoudsmap ({other}), niet van {content}; "
        "de build vervangt die niet zomaar: kies met --out een eigen map voor deze site, of "
        "geef --vervang als je die site echt wilt vervangen"
    ),
    "uitvoer-rest": (
        "de nieuwe site is gepubliceerd, maar de vorige kon niet helemaal weg: {file} bleef "
        "staan ({reason}); wat over is, staat nu in {folder} naast de uitvoermap: sluit het "
        "programma dat dat bestand open heeft, of geef jezelf rechten op die map; elke "
        "volgende build probeert het weer weg te halen"
    ),
    "uitvoer-per-bestand": (
        "in de map boven {out} ({parent}) mag de build niet schrijven, dus is de site in "
        "{out} zelf bestand voor bestand vervangen: elk bestand was steeds heel, maar een "
        "lezer die op dat moment een pagina opende, kon even oude en nieuwe pagina's door "
        "elkaar krijgen; na een onderbreking maakt de volgende build het af"
    ),
    "uitvoer-bezig": (
        "een andere build of preview schrijft al naar {out} en is na {seconds} seconden "
        "nog niet klaar; wacht tot die klaar is en probeer het opnieuw"
    ),
}


# What to do about an error of the system while writing, by its errno name.
WRITE_HINTS = {
    "ENOSPC": "maak ruimte vrij en probeer het opnieuw",
    "EDQUOT": "maak ruimte vrij en probeer het opnieuw",
    "EFBIG": "kies met --out een map op een andere schijf",
    "EACCES": (
        "je mag niet schrijven in deze map, of een programma heeft een bestand erin open: "
        "sluit dat programma of kies met --out een andere map"
    ),
    "EPERM": "je mag niet schrijven in deze map: kies met --out een andere map",
    "EROFS": "kies met --out een map op een andere schijf",
    "EBUSY": "een programma heeft een bestand in deze map open: sluit het en probeer opnieuw",
    "EEXIST": "er staat al iets met dezelfde naam: kijk in de map wat daar staat",
    "ENOTEMPTY": "er staat al iets met dezelfde naam: kijk in de map wat daar staat",
}
WRITE_HINT = "controleer de map en probeer het opnieuw"


LINK_LOOP = "koppelingen verwijzen in een kring naar elkaar"
# Why the system refused a read or a write, in Dutch, by errno name (Windows' errors reach
# Python with the same names: a file another program holds open is EACCES).
REASONS = {
    "EACCES": "geen toestemming",
    "EPERM": "niet toegestaan",
    "ENOENT": "bestaat niet (meer)",
    "ENOSPC": "de schijf is vol",
    "EDQUOT": "je ruimte op de schijf is op",
    "EROFS": "de schijf is alleen te lezen",
    "EFBIG": "het bestand is te groot voor de schijf",
    "EISDIR": "het is een map",
    "ENOTDIR": "een deel van het pad is geen map",
    "ELOOP": LINK_LOOP,
    "ENAMETOOLONG": "de naam is te lang",
    "EBUSY": "het is in gebruik",
    "EMFILE": "te veel bestanden tegelijk open",
    "EIO": "de schijf geeft een leesfout",
    "EEXIST": "het bestaat al",
    "ENOTEMPTY": "de map is niet leeg",
    "EXDEV": "het staat op een andere schijf",
    "EADDRINUSE": "de poort is al in gebruik",
    "EADDRNOTAVAIL": "dit adres hoort niet bij deze computer",
}


def reason(error: BaseException) -> str:
    """Say why the system refused, in Dutch where the reason is known, else as the system
    says it."""
    if isinstance(error, OSError):
        name = errno.errorcode.get(error.errno or 0, "")
        return REASONS.get(name) or error.strerror or str(error)
    if isinstance(error, RuntimeError):  # a link loop, as Python 3.10 reports it
        return LINK_LOOP
    return str(error)


def write_hint(error: OSError) -> str:
    """Give the advice that fits an error of the system while writing."""
    name = errno.errorcode.get(error.errno or 0, "")
    return WRITE_HINTS.get(name, WRITE_HINT)


def nearest(name: str, known: list[str] | tuple[str, ...]) -> str:
    """Give the known name nearest to a name as written, or '' if none is near."""
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return close[0] if close else ""


def suggest(name: str, known: list[str] | tuple[str, ...]) -> str:
    """Return " (bedoel je 'x'?)" for the nearest known name, or nothing."""
    close = nearest(name, known)
    return f" (bedoel je '{close}'?)" if close else ""


def say(code: str, **values: object) -> str:
    """Fill in the message with this code."""
    return MESSAGES[code].format(**values)
