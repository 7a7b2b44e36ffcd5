"""`python -m bot`: run the Telegram bot (the same as `talks bot`)."""

import sys

from .cli import main

sys.exit(main(["bot", *sys.argv[1:]]))
