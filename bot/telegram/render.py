"""Answers as Telegram HTML: everything escaped, right-to-left where Arabic, split under 4096.

Messages are built line by line from escaped plain text, and every tag opens and closes on its
own line, so a split between lines never breaks a tag; a line too long for one message is cut
between words, and a citation "[12]" has no space in it, so it is never cut either.
"""

from __future__ import annotations

import html

from retrieval.ingest import is_web_url

from ..answer import Answer
from ..messages import t

LIMIT = 4096
RLM = "\u200f"  # starts a line right-to-left even when it opens with "[1]" or a Latin name


def esc(text: str) -> str:
    return html.escape(text or "", quote=True)


def _rtl(lang: str, line: str) -> str:
    return RLM + line if lang == "ar" and line else line


def source_line(source: dict, lang: str) -> str:
    title = esc(source.get("title") or source.get("article_id", ""))
    # A link only to a web page: an index built before links were checked may hold javascript:...
    web = is_web_url(source.get("url") or "")
    head = f'<a href="{esc(source["url"])}">{title}</a>' if web else f"<b>{title}</b>"
    meta = " · ".join(esc(x) for x in (source.get("source"), source.get("date")) if x)
    return _rtl(lang, f"[{source['n']}] {head}" + (f" — {meta}" if meta else ""))


def answer_messages(answer: Answer) -> list[str]:
    lang = answer.language
    lines = [_rtl(lang, esc(line)) for line in answer.text.split("\n")]
    if answer.sources:
        lines += ["", _rtl(lang, f"<b>{esc(t('sources', lang))}</b>")]
        lines += [source_line(s.__dict__, lang) for s in answer.sources]
    return pack(lines)


def passage_message(source: dict, lang: str) -> str:
    head = source_line(source, lang)
    room = LIMIT - len(head) - 10
    quote = source.get("quote", "")
    body = esc(quote)
    if len(body) > room:
        body = esc(_cut(quote, room))
    return pack([head, "", _rtl(lang, f"«{body}»")])[0]


def preview(text: str, lang: str) -> str:
    """A streamed partial answer: escaped, and cut to fit one message."""
    text = _cut(text, LIMIT - 50) if len(esc(text)) > LIMIT - 50 else text
    return "\n".join(_rtl(lang, esc(line)) for line in text.split("\n")) + " …"


def pack(lines: list[str], limit: int = LIMIT) -> list[str]:
    """Join lines into as few messages as fit; over-long lines are cut between words."""
    pieces = [piece for line in lines for piece in _split_line(line, limit)]
    return [m for m in _greedy(pieces, "\n", limit) if m.strip()] or [""]


def _greedy(pieces: list[str], sep: str, limit: int) -> list[str]:
    """Join pieces with sep, starting a new chunk whenever the next piece would not fit."""
    chunks: list[str] = []
    current = ""
    for piece in pieces:
        candidate = f"{current}{sep}{piece}" if current else piece
        if len(candidate) <= limit or not current:
            current = candidate
        else:
            chunks.append(current)
            current = piece
    if current:
        chunks.append(current)
    return chunks


def _split_line(line: str, limit: int) -> list[str]:
    if len(line) <= limit:
        return [line]
    if "<" in line:  # a source line (bounded titles): never cut inside its tags
        return [line]
    words: list[str] = []
    for word in line.split(" "):
        while len(word) > limit:  # an escaped run with no space at all: cut outside any &entity;
            cut = word.rfind("&", 0, limit) if "&" in word[limit - 8:limit] else limit
            cut = cut if cut > 0 else limit
            words.append(word[:cut])
            word = word[cut:]
        words.append(word)
    return _greedy(words, " ", limit)


def _cut(text: str, n: int) -> str:
    if len(text) <= n:
        return text
    return text[:n].rsplit(" ", 1)[0] + "…"


def timeline_page(events, lang: str, topic: str, first: int, total: int) -> str:
    """One page of a timeline: a heading, then per event its date (bold), the sentence quoted,
    and the articles that tell it (title · date). Everything escaped; under the message limit."""
    head = t("timeline_head", lang, topic=topic) if topic else t("timeline_head_all", lang)
    lines = [_rtl(lang, f"<b>{esc(head)}</b> ({first}–{first + len(events) - 1}/{total})")]
    for e in events:
        sources = " ; ".join(f"{s.get('title') or s['article_id']} · {s.get('date', '')}" for s in e.sources[:3])
        more = f" +{len(e.sources) - 3}" if len(e.sources) > 3 else ""
        lines.append(_rtl(lang, f"<b>{esc(e.date)}</b> «{esc(e.text[:300])}»"))
        lines.append(_rtl(lang, f"<i>— {esc(sources)}{more}</i>"))
    return pack(lines)[0]
