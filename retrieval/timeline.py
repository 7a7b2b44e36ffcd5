"""A timeline of the talks: events in the order they happened, each with one date (the event's
own, not the article's), one sentence quoted from a passage, and every article that tells it.

Events come from the dates stored with the passages at ingest (retrieval/dates.py). With a
topic, only passages the search finds for it (and that hold its words) count. The same event
told by several articles — the same date, and sentences sharing most of their informative
words — is one entry with all its sources.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .chunking import sentence_spans
from .index import Index
from .normalize import sentence_tokens
from .search import hybrid

TOPIC_DEPTH = 40  # passages searched for a topic
TOPIC_COVERAGE = 0.5  # share of the topic's informative words (idf-weighted) a passage must hold
SAME_EVENT = 0.3  # word overlap (Jaccard) above which two sentences of one date tell one event
MAX_SENTENCE = 400
MERGE_WINDOW = 40  # events of one month or year a new telling is compared with
CENTROID_SAMPLE = 12  # tellings compared to choose the one that says an event best
_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


class BadDate(ValueError):
    """A --from/--to that is not a date (2021-02-31, "yesterday"), or a range given backwards."""

    def __init__(self, code: str, value: str = ""):
        super().__init__(f"{code}: {value}")
        self.code, self.value = code, value


def check_range(date_from: str = "", date_to: str = "") -> tuple[str, str]:
    """The range as ISO prefixes (2021, 2021-05, 2021-05-14); raises BadDate."""
    for value in (date_from, date_to):
        if value and not _DATE.match(value):
            raise BadDate("bad_date", value)
        if value and len(value) == 10:
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                raise BadDate("impossible_date", value) from None
        if value and len(value) == 7 and not 1 <= int(value[5:7]) <= 12:
            raise BadDate("impossible_date", value)
    if date_from and date_to and date_from[: len(date_to)] > date_to:
        raise BadDate("backwards", f"{date_from} > {date_to}")
    return date_from, date_to


@dataclass
class Event:
    date: str  # ISO at the precision known: 2020-11-09, 2023-05, 2021
    text: str
    sources: list[dict] = field(default_factory=list)  # {"article_id", "passage_id", "title", "date"}
    tokens: frozenset[str] = frozenset()
    tellings: list = field(default_factory=list, repr=False)  # (sentence, tokens, source) of every telling

    def as_dict(self) -> dict:
        return {"date": self.date, "text": self.text,
                "sources": [{"article_id": s["article_id"], "passage_id": s["passage_id"]} for s in self.sources]}


def timeline(index: Index, topic: str = "", date_from: str = "", date_to: str = "") -> list[Event]:
    date_from, date_to = check_range(date_from, date_to)
    index.ensure_dates()
    pids = None
    if topic.strip():
        pids = _about(index, topic)
        if not pids:
            return []
    rows = index.catalog.dated_passages(date_from, date_to, pids)
    passages = index.catalog.passages(sorted({r[0] for r in rows}))
    articles = {a.id: a for a in index.catalog.articles()}
    events: list[Event] = []
    by_date: dict[str, list[Event]] = {}
    spans: dict[str, list[tuple[int, int]]] = {}
    for pid, date, start, _end in rows:
        passage = passages.get(pid)
        if passage is None:
            continue
        if pid not in spans:
            spans[pid] = sentence_spans(passage.text)
        sentence = _sentence_at(passage.text, start, spans[pid])
        if not sentence:
            continue
        tokens = sentence_tokens(sentence)
        article = articles.get(passage.article_id)
        source = {"article_id": passage.article_id, "passage_id": pid,
                  "title": article.title if article else "", "date": article.date if article else ""}
        # A day is one event in news about negotiations (9 November 2020 is the statement, however
        # it is told); a month or a year holds several, told apart by their words.
        candidates = by_date.get(date, [])
        if len(date) == 10:
            same = candidates[0] if candidates else None
        else:  # the latest few of that month or year: a retelling sits near the first telling
            same = next((e for e in reversed(candidates[-MERGE_WINDOW:]) if _overlap(e.tokens, tokens) >= SAME_EVENT),
                        None)
        if same is None:
            same = Event(date, sentence, [], tokens)
            by_date.setdefault(date, []).append(same)
            events.append(same)
        same.tellings.append((sentence, tokens, source))
    for event in events:
        # The telling that shares most words with the others says the event best; its passage is
        # the first source, then one passage per other article that tells the event.
        sample = event.tellings[:CENTROID_SAMPLE]
        best = max(sample, key=lambda t: sum(_overlap(t[1], o[1]) for o in sample))
        event.text, event.tokens = best[0], best[1]
        for _, _, source in [best] + event.tellings:
            if all(s["article_id"] != source["article_id"] for s in event.sources):
                event.sources.append(source)
    # In order of the event's date; one date's events by how many articles tell them.
    return sorted(events, key=lambda e: (e.date, -len(e.sources)))


def _about(index: Index, topic: str) -> list[str]:
    """Passages the search finds for the topic that hold most of its informative words.

    A word no article uses weighs as much as the rarest one: "football" in a corpus without it
    leaves a topic of two words at most half held.
    """
    question = index.analyse(topic)
    lexical = index.lexical()
    top = lexical.max_idf()
    weights = [(term, max((lexical.idf(t) for t in term.weighed), default=0.0) or top) for term in question.search_terms]
    total = sum(w for _, w in weights)
    hits = hybrid(index, question, TOPIC_DEPTH)
    tokens = index.catalog.tokens([h.passage_id for h in hits])
    about = []
    for hit in hits:
        held = set(tokens.get(hit.passage_id, "").split())
        if total and sum(w for term, w in weights if term.tokens & held) / total >= TOPIC_COVERAGE:
            about.append(hit.passage_id)
    return about


def _sentence_at(text: str, offset: int, spans: list[tuple[int, int]] | None = None) -> str:
    """The sentence that says the date; a long one cut around the date, at word boundaries."""
    for start, end in spans if spans is not None else sentence_spans(text):
        if start <= offset < end:
            if end - start > MAX_SENTENCE:
                lo = max(start, offset - MAX_SENTENCE // 2)
                hi = min(end, lo + MAX_SENTENCE)
                piece = text[lo:hi]
                if lo > start:
                    piece = "…" + piece.split(" ", 1)[-1]
                if hi < end:
                    piece = piece.rsplit(" ", 1)[0] + "…"
                return " ".join(piece.split())
            return " ".join(text[start:end].split())
    return ""


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0
