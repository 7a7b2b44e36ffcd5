"""Settings: every one documented in .env.example, lists parsed the way admins write them."""

import re

from bot.config import Settings
from tests.conftest import ROOT


def test_env_example_documents_every_setting():
    documented = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert {name.upper() for name in Settings.model_fields} <= documented


def test_env_example_loads_as_is(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text((ROOT / ".env.example").read_text())
    s = Settings()
    assert s.telegram_bot_token is None and not s.llm_configured and s.telegram_admin_ids == []
    assert s.data_dir.name == "data" and s.rate_limit_per_minute == 10


def test_lists_and_blanks(monkeypatch):
    monkeypatch.setenv("TELEGRAM_ADMIN_IDS", "1, 2,3")
    monkeypatch.setenv("TELEGRAM_ALLOWED_CHAT_IDS", "[-100, 5]")
    monkeypatch.setenv("URL_ALLOWLIST", "intranet.example,10.0.0.0/8")
    monkeypatch.setenv("OPENAI_BASE_URL", "")
    s = Settings(_env_file=None)
    assert s.telegram_admin_ids == [1, 2, 3] and s.telegram_allowed_chat_ids == [-100, 5]
    assert s.url_allowlist == ["intranet.example", "10.0.0.0/8"] and s.openai_base_url is None
