"""The talks bot: the answering brain and its interfaces (Telegram, terminal)."""
