"""``python -m indicators``: the command line (see indicators/cli.py)."""

from .cli import main

raise SystemExit(main())
