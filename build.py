"""Build the decision tree site: python build.py [build|check] [--content DIR] [--out DIR]."""

import sys

from beslisboom.cli import main

if __name__ == "__main__":
    sys.exit(main())
