"""`python -m oversight.cli`: the same as the `oversight` command."""

from oversight.cli.main import main

raise SystemExit(main())
