"""`python -m store add ...` / `python -m store export -o FILE` (see store/cli.py)."""
import sys

from .cli import main

sys.exit(main())
