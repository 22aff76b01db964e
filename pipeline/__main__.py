"""``python -m pipeline``: the same as the ``diplomacy-kg`` console script."""

import sys

from pipeline.cli import main

sys.exit(main())
