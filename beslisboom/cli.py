"""The editor's command line: build, check and (later) serve, in plain Dutch."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path
from typing import NoReturn

from .collection import tree_folders
from .load import shown
from .messages import reason, say
from .model import Problem
from .parallel import jobs_available
from .pipeline import Project, Result, build, format_problem, origin
from .sources import SITE_FILE
from .write import other_origin, refusal_of_other

ROOT = Path(__file__).resolve().parent.parent

DESCRIPTION = """\
Maakt van de beslisboom in content/ een website die zonder server werkt.

opdrachten:
  build   (standaard) controleer content/ en schrijf de website naar dist/
  check   controleer content/ op fouten, maar schrijf niets
  serve   bouw de site, toon hem op http://127.0.0.1:8000/ en bouw opnieuw bij
          elke wijziging; de browser ververst vanzelf (stoppen: Ctrl+C)
  nieuw MAP  zet in MAP een kleine beslisboom om mee te beginnen, met een vraag,
          een uitleg, een eindpagina, contact, een plaatje en een link tussen pagina's
  import BESTAND --content MAP
          zet een beslisboom in het YAML-formaat van MinBZK (decision-tree.yaml)
          om in pagina's in MAP, een nieuwe of lege map
  verschil OUD NIEUW [--html BESTAND] [--json]
          vergelijk twee versies van een boom (twee inhoudsmappen): eerst de routes
          die nu ergens anders eindigen, verdwenen of nieuw zijn, dan de pagina's
"""


COMMANDS = ("build", "check", "serve", "nieuw", "import", "verschil")
STARTER = Path(__file__).resolve().parent / "starter"
EXAMPLES = {
    "--content": "content",
    "--out": "dist",
    "--host": "127.0.0.1",
    "--port": "8001",
    "--html": "verschil.html",
}


class DutchFormatter(argparse.RawDescriptionHelpFormatter):
    """argparse's help layout, with the usage line in Dutch."""

    def add_usage(self, usage, actions, groups, prefix=None) -> None:
        super().add_usage(usage, actions, groups, "gebruik: ")


class DutchParser(argparse.ArgumentParser):
    """An argument parser that never shows argparse's own English."""

    def error(self, message: str) -> NoReturn:
        usage_error(self, "deze opdracht begrijp ik niet; zie python build.py --help")


def make_parser() -> DutchParser:
    """Describe the commands and options in plain Dutch."""
    parser = DutchParser(
        prog="python build.py",
        description=DESCRIPTION,
        formatter_class=DutchFormatter,
        add_help=False,
        exit_on_error=False,
    )
    what = parser.add_argument_group("opdracht")
    what.add_argument(
        "command",
        nargs="?",
        default="build",
        choices=COMMANDS,
        metavar="OPDRACHT",
        help="build, check, serve, nieuw, import of verschil (standaard: build)",
    )
    what.add_argument(
        "folder",
        nargs="?",
        type=Path,
        metavar="MAP",
        help="nieuw: de map voor de nieuwe boom; import: het bestand om om te zetten; "
        "verschil: de oude versie",
    )
    what.add_argument(
        "other", nargs="?", type=Path, metavar="NIEUW", help="verschil: de nieuwe versie"
    )
    options = parser.add_argument_group("opties")
    options.add_argument(
        "--content",
        type=Path,
        default=Path("content"),
        metavar="MAP",
        help="map met site.yml en de pagina's (standaard: content)",
    )
    options.add_argument(
        "--out",
        type=Path,
        default=Path("dist"),
        metavar="MAP",
        help="map waarin de website komt (standaard: dist)",
    )
    options.add_argument(
        "--templates", type=Path, default=ROOT / "templates", help=argparse.SUPPRESS
    )
    options.add_argument("--assets", type=Path, default=ROOT / "assets", help=argparse.SUPPRESS)
    options.add_argument(
        "--strict", action="store_true", help="laat ook waarschuwingen de opdracht laten mislukken"
    )
    options.add_argument(
        "--vervang",
        action="store_true",
        help="vervang in --out ook een site die uit een andere inhoudsmap is gebouwd",
    )
    options.add_argument(
        "--host",
        default="127.0.0.1",
        metavar="ADRES",
        help="serve: het adres van de preview (standaard: 127.0.0.1)",
    )
    options.add_argument(
        "--port",
        type=int,
        default=8000,
        metavar="POORT",
        help="serve: de poort van de preview (standaard: 8000)",
    )
    options.add_argument(
        "--html",
        type=Path,
        metavar="BESTAND",
        help="verschil: schrijf de vergelijking ook als één HTML-pagina, om af te tekenen",
    )
    options.add_argument(
        "--json",
        action="store_true",
        help="verschil: geef de vergelijking als JSON op de standaarduitvoer",
    )
    options.add_argument("-h", "--help", action="help", help="toon deze uitleg en stop")
    return parser


def parse(parser: DutchParser, argv: list[str] | None) -> argparse.Namespace:
    """Read the command line; a mistake in it gets a Dutch message and exit code 2."""
    argv = sys.argv[1:] if argv is None else argv
    try:
        args, unknown = parser.parse_known_args(argv)
    except argparse.ArgumentError as error:
        usage_error(parser, describe(error, argv))
    if unknown:
        usage_error(parser, f"onbekend: {' '.join(unknown)}; zie python build.py --help")
    return args


def describe(error: argparse.ArgumentError, argv: list[str]) -> str:
    """Say in Dutch what is wrong with one argument, from which argument it is."""
    option = error.argument_name or ""
    if option in ("OPDRACHT", "command"):
        given = next((a for a in argv if not a.startswith("-")), "")
        return f"onbekende opdracht '{given}'; kies {', '.join(COMMANDS[:-1])} of {COMMANDS[-1]}"
    option = option.split("/")[0]
    place = argv.index(option) if option in argv else -1
    given = argv[place + 1] if 0 <= place < len(argv) - 1 else ""
    example = f"{option} {EXAMPLES.get(option, '...')}"
    if given and not given.startswith("-") and option == "--port":
        return f"{option} moet een getal zijn, zoals {example}"
    return f"{option} heeft een waarde nodig, zoals {example}"


def usage_error(parser: argparse.ArgumentParser, message: str) -> NoReturn:
    """Print the usage line and the mistake, in Dutch; stop with exit code 2."""
    parser.print_usage(sys.stderr)
    print(f"python build.py: fout: {message}", file=sys.stderr)
    sys.exit(2)


def report(result: Result, strict: bool) -> None:
    """Print every problem, one a line, and a one-line summary."""
    for problem in result.problems:
        print(format_problem(problem), file=sys.stderr)
    errors = sum(1 for p in result.problems if p.is_error)
    warnings = sum(1 for p in result.problems if p.severity == "waarschuwing")
    if errors or warnings:
        parts = [f"{errors} {'fout' if errors == 1 else 'fouten'}"] if errors else []
        if warnings:
            parts.append(f"{warnings} {'waarschuwing' if warnings == 1 else 'waarschuwingen'}")
        print(" en ".join(parts) + " gevonden.", file=sys.stderr)
    if result.failed(strict) and warnings and not errors:
        print("Met --strict tellen waarschuwingen als fouten.", file=sys.stderr)


def unsafe_output(out: Path, project: Project) -> str | None:
    """Say why writing to out would destroy something, or return None.

    Whether out holds files of others is checked when the site is published (write.py).
    """
    target = out.absolute().resolve()
    for folder in (project.content, project.templates, project.assets, Path.cwd()):
        folder = folder.absolute().resolve()
        if target == folder or target in folder.parents:
            return f"--out {shown(out)} zou {shown(folder)} overschrijven; kies een andere map"
        if folder in target.parents and folder != Path.cwd().resolve():
            return (
                f"--out {shown(out)} ligt in {shown(folder)}, dat de build leest; "
                "kies een map daarbuiten"
            )
    if target.is_file():
        return f"--out {shown(out)} is een bestand; kies een map"
    return None


def main(argv: list[str] | None = None) -> int:
    """Run one command and return the exit code: 0 good, 1 content errors, 2 wrong usage,
    130 stopped with Ctrl-C."""
    try:
        return run(argv)
    except BrokenPipeError:  # the output went to a program that stopped reading (| head)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as bug:  # a bug of the build itself, not of the content
        if os.environ.get("BESLISBOOM_DEBUG") == "1":
            raise
        print(
            f"python build.py: fout: {say('interne-fout', kind=type(bug).__name__)}",
            file=sys.stderr,
        )
        return 1
    except KeyboardInterrupt:
        print(say("gestopt"), file=sys.stderr)
        return 130


def run(argv: list[str] | None) -> int:
    """Run one command (see main)."""
    for stream in (sys.stdout, sys.stderr):  # a terminal without UTF-8 gets '?' for 'é'
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    parser = make_parser()
    args = parse(parser, argv)
    if args.command == "nieuw":
        return start_tree(parser, args.folder)
    if args.command == "import":
        return import_tree(parser, args.folder, args.content, args.templates, args.assets)
    if args.command == "verschil":
        return compare_versions(parser, args)
    if args.other is not None:
        usage_error(parser, f"onbekend: {args.other}; zie python build.py --help")
    if args.folder is not None:
        usage_error(parser, f"onbekend: {args.folder}; zie python build.py --help")
    project = Project(content=args.content, templates=args.templates, assets=args.assets)
    if not args.content.is_dir():
        usage_error(
            parser,
            f"de map {shown(args.content)} bestaat niet; geef met --content de map "
            "met site.yml en de pagina's",
        )
    if args.command in ("build", "serve") and (why := unsafe_output(args.out, project)):
        usage_error(parser, why)
    if args.command == "serve" and not args.vervang:  # build: refused when it publishes
        built_from = origin(project, args.out)
        if other := other_origin(args.out.absolute(), built_from):
            message = refusal_of_other(args.out, other, built_from)
            print(format_problem(Problem(args.out, None, message)), file=sys.stderr)
            return 1
    if args.command == "serve":
        if not 0 < args.port < 65536:
            usage_error(
                parser, "--port moet een getal van 1 tot en met 65535 zijn, zoals --port 8001"
            )
        from .serve import serve  # the preview's server is only loaded when asked for

        return serve(project, args.out, args.host, args.port, args.vervang)
    out = args.out if args.command == "build" else None
    result = build(project, out, jobs=jobs_available(), replace=args.vervang)
    report(result, args.strict)
    if result.failed(args.strict) or not result.sizes:
        if args.command == "build" and not result.written:
            print(f"Er is niets geschreven; {shown(args.out)} is ongewijzigd.", file=sys.stderr)
        return 1
    if args.command == "check":
        print(f"Geen fouten: {result.pages_said()} gecontroleerd.")
        return 0
    return summarize(result, args.out)


def start_tree(parser: argparse.ArgumentParser, folder: Path | None) -> int:
    """Write the starter tree into a new or empty folder."""
    if folder is None:
        usage_error(parser, "nieuw heeft een map nodig, zoals: python build.py nieuw mijn-boom")
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        usage_error(parser, f"{shown(folder)} bestaat al en is niet leeg; kies een nieuwe map")
    site = folder.absolute().parent
    tree = next((p for p in (site, *site.parents) if (p / SITE_FILE).is_file()), None)
    if tree is not None:  # its pages would become pages of that tree
        usage_error(
            parser,
            f"{shown(folder)} ligt in de boom {shown(tree)}; zet voor een site met meer bomen "
            f"elke boom in een eigen map naast de andere (zoals {shown(tree.parent / 'naam')}), "
            "zonder site.yml erboven",
        )
    shutil.copytree(STARTER, folder, dirs_exist_ok=True)
    trees = tree_folders(site)
    if len(trees) > 1:
        print(
            f"Een nieuwe beslisboom staat in {shown(folder)}/; de site in {shown(site)}/ "
            f"heeft nu {len(trees)} bomen. Bekijk hem met:\n"
            f"  python build.py serve --content {shown(site)} --out {shown(site)}-site"
        )
        return 0
    print(
        f"Een nieuwe beslisboom staat in {shown(folder)}/. Bekijk hem met:\n"
        f"  python build.py serve --content {shown(folder)} --out {shown(folder)}-site"
    )
    return 0


def import_tree(
    parser: argparse.ArgumentParser,
    source: Path | None,
    content: Path,
    templates: Path,
    assets: Path,
) -> int:
    """Convert a MinBZK decision tree into a new content folder, then check it."""
    from .importer import convert, write  # only loaded when asked for

    if source is None or not source.is_file():
        usage_error(
            parser,
            "import heeft een bestand nodig, zoals: "
            "python build.py import decision-tree.yaml --content ai-verordening",
        )
    if content.exists() and (not content.is_dir() or any(content.iterdir())):
        usage_error(
            parser,
            f"{shown(content)} bestaat al en is niet leeg; kies met --content een nieuwe map",
        )
    try:
        conversion = convert(source)
    except (RecursionError, MemoryError, ValueError, TypeError, KeyError, AttributeError) as bug:
        message = say("import-vastgelopen", kind=type(bug).__name__)
        print(format_problem(Problem(source, None, message)), file=sys.stderr)
        return 1
    for problem in conversion.problems:
        print(format_problem(problem), file=sys.stderr)
    pages = sum(1 for name in conversion.files if name.endswith(".md"))
    if not pages:
        return 1  # nothing to convert: the messages above say why; nothing is written
    write(conversion, content)
    print(f"Omgezet: {pages} pagina's in {shown(content)}/.")
    print(
        f"Vul nog in wat het origineel niet zegt: de startpagina {shown(content / 'start.md')} "
        f"(wat de beslishulp doet, of hij fouten kan bevatten, bij wie de lezer terecht kan) "
        f"en het contact in {shown(content / 'site.yml')}; de build waarschuwt tot dan."
    )
    left_out = len(conversion.problems) - conversion.notes
    if left_out:
        print(f"{left_out} onderdelen niet omgezet: zie hierboven.", file=sys.stderr)
    if conversion.notes:
        print("Controleer wat hierboven over het omzetten staat.", file=sys.stderr)
    result = build(Project(content, templates, assets), None, jobs=jobs_available())
    report(result, strict=False)
    if result.failed():
        return 1
    print(
        f"De site krijgt {result.pages_said()}. Bekijk hem met:\n"
        f"  python build.py serve --content {shown(content)} --out {shown(content)}-site"
    )
    return 0


def compare_versions(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    """Compare two content folders of one tree: print it, or give it as JSON or HTML."""
    import json
    import time

    from .compare import as_html, as_text, compare, ours_or_new, read_version

    if args.folder is None or args.other is None:
        usage_error(
            parser, "verschil heeft twee mappen nodig, zoals: python build.py verschil oud nieuw"
        )
    started = time.perf_counter()
    versions = []
    for folder in (args.folder, args.other):
        if not folder.is_dir():
            print(format_problem(Problem(folder, None, say("verschil-geen-map"))), file=sys.stderr)
            return 1
        version = read_version(Project(folder, args.templates, args.assets))
        if isinstance(version, list):
            for problem in version:
                print(format_problem(problem), file=sys.stderr)
            message = say("verschil-onleesbaar", folder=shown(folder))
            print(format_problem(Problem(folder, None, message)), file=sys.stderr)
            return 1
        versions.append(version)
    comparison = compare(*versions)
    took = time.perf_counter() - started
    comparison.seconds = took
    names = shown(args.folder), shown(args.other)
    if args.html is not None and not ours_or_new(args.html):
        message = say("verschil-bestaat-al")
        print(format_problem(Problem(args.html, None, message)), file=sys.stderr)
        return 1
    if args.html is not None:
        try:
            args.html.write_text(as_html(comparison, *names), encoding="utf-8")
        except OSError as error:
            message = say("verschil-niet-schrijfbaar", reason=reason(error))
            print(format_problem(Problem(args.html, None, message)), file=sys.stderr)
            return 1
    if args.json:
        json.dump(comparison.as_json(), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(as_text(comparison, *names, took))
        if args.html is not None:
            print(f"\nDe vergelijking staat ook in {shown(args.html)}.")
    return 0


def summarize(result: Result, out: Path) -> int:
    """Say what the build wrote, and how big the single file is."""
    sizes = result.sizes
    total = sum(sizes.values()) / 1024
    print(f"Klaar: {result.pages_said()} ({total:.0f} KB) geschreven naar {shown(out)}/")
    for single in result.singles:
        print(
            f"Eén bestand voor Connect, e-mail en USB-stick: {shown(out / single)} "
            f"({sizes[single] / 1024:.0f} KB)"
        )
    return 0
