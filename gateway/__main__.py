"""``python -m gateway`` is the ``leadgate`` command."""

from gateway.cli import main

raise SystemExit(main())
