"""`python -m bot.cli …` is `dondoc …`."""

import sys

from bot.cli import main

sys.exit(main())
