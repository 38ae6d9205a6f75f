"""Build the decision tree site: python build.py [build|check|serve] [--content MAP] [--out MAP]."""

import sys

try:
    from beslisboom.cli import main
except ModuleNotFoundError as missing:  # run without the project's virtual environment
    print(
        f"De build mist een onderdeel ({missing.name}): hij draait niet in de omgeving van dit "
        "project. Richt die eenmalig in en gebruik dan de python daarvan:\n"
        "  Linux/macOS: python3 -m venv .venv && .venv/bin/pip install -e .\n"
        "               .venv/bin/python build.py\n"
        "  Windows:     py -m venv .venv && .venv\\Scripts\\pip install -e .\n"
        "               .venv\\Scripts\\python build.py",
        file=sys.stderr,
    )
    sys.exit(2)

if __name__ == "__main__":
    sys.exit(main())
