"""``python -m gateway`` is the ``leadgate`` command."""

from gateway.cli.app import main

raise SystemExit(main())
