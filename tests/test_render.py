"""Splitting Telegram HTML: never inside a tag, an &entity; or a citation."""

import pytest

from bot.telegram.render import esc, pack

@pytest.mark.parametrize("lines, limit", [
    (["كلمة [12]"] * 500, 100),
    ([esc("<b>" + "x&y" * 400 + "</b>")], 50),          # one long run of entities, no spaces
    (["<b>المصادر</b>", "[1] <a href=\"https://e.org/?a=1&amp;b=2\">عنوان</a>"] * 40, 120),
])
def test_pack_respects_the_limit_and_keeps_units_whole(lines, limit):
    parts = pack(lines, limit)
    assert all(len(p) <= limit or "<" in p for p in parts)
    for p in parts:
        assert p.count("<b>") == p.count("</b>") and p.count("<a ") == p.count("</a>")
        assert not p.rstrip().endswith("[1") and "&am" not in p.replace("&amp;", "")
    assert "".join(parts).replace("\n", "").replace(" ", "") == "".join(lines).replace(" ", "")
