#!/usr/bin/env python
"""Django's command-line utility; `innonet` is the same entry point, installed as a script."""

import sys
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))
    from innonet.cli import main

    main()
