"""``python -m indicators``: the command line (see indicators/cli.py)."""

from indicators.cli import main

raise SystemExit(main())
