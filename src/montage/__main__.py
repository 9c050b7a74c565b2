"""Run montage as ``python -m montage``."""

from montage.cli import main

raise SystemExit(main())
