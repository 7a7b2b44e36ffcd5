"""The Telegram interface (python-telegram-bot). Nothing outside this package imports telegram."""
