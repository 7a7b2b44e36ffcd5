"""Questions about time: the dates the passages speak of decide, not only the articles' dates.

- A range in the question ("in May 2023", "بين 2020 و2021", "с 2021 года", "last year") moves
  the passages that speak of a date in it to the front of the search results; the words that
  say the time are not evidence the passages must hold (the date is checked as a date).
- "latest / most recent / آخر / أحدث / последний" puts first, among the passages about the
  question, the one that speaks of the latest date; "first / earliest / أول / أقدم / первый"
  the earliest.
- A question that asks only what happened then ("ماذا حدث في مايو 2023؟", "What happened last
  year?") is answered from the events dated in the range (retrieval/timeline.py).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Iterable

from retrieval.dates import TimeAsked, first_day, fold, order_words, time_asked
from retrieval.chunking import sentence_spans
from retrieval.index import Index
from retrieval.lexical import date_key
from retrieval.normalize import analyze, sentence_tokens
from retrieval.question import Question, Term, meets, terms_in, tokens_needed
from retrieval.search import Hit, coverage, passages_as_hits, term_weights
from retrieval.timeline import Event, timeline

from .extract import of_kind
from .milestone import asked_milestone, asks_milestone
from .qualifiers import country_words

# "What happened": words of such a question that ask nothing beyond the time itself.
_HAPPENED = {w for _, w in analyze("حدث حصل جرى يحدث أحداث الأحداث وقع happen happened happens events event news "
                                   "going произошло случилось происходило события новости "
                                   # and the words around a date: "في عام 2020", "в 2023 году", "in the year",
                                   # "يوم 18 أكتوبر" (not a word the passages must hold, nor part of who did it)
                                   "عام العام سنة السنة شهر الشهر يوم year month day год года году месяц месяце")}


def asked(text: str, today: dt.date | None = None) -> TimeAsked:
    """What the question says about time (raises retrieval.dates.ImpossibleDate)."""
    return time_asked(text, today)


def describe(time: TimeAsked) -> str:
    """The asked time as the reader can check it: 2023-05, 2020 – 2021, since 2021, month 05."""
    if time.date_from and time.date_from == time.date_to:
        return time.date_from
    if time.date_from and time.date_to:
        return f"{time.date_from} – {time.date_to}"
    if time.date_from:
        return f"{time.date_from} –"
    if time.date_to:
        return f"– {time.date_to}"
    return f"--{time.month:02d}" if time.month else ""


def without_time(question: Question, time: TimeAsked, asked_text: str) -> Question:
    """The question without the words that say the time (and "what happened", "latest").

    asked_text: the words time_asked read (its spans point into them).
    """
    said = " ".join([fold(asked_text)[a:b] for a, b in time.spans] + order_words(asked_text))
    time_tokens = {t for _, t in analyze(said)}
    terms = tuple(t for t in question.terms
                  if not (t.tokens & time_tokens or t.word in time_tokens) and not (t.tokens & _HAPPENED))
    return replace(question, terms=terms)


def dates_of(index: Index, pids: list[str]) -> dict[str, list[str]]:
    """Passage id -> the dates it speaks of."""
    return {pid: [date for date, _ in spoken] for pid, spoken in dates_at(index, pids).items()}


def dates_at(index: Index, pids: list[str]) -> dict[str, list[tuple[str, int]]]:
    """Passage id -> (a date it speaks of, where the date starts in its text)."""
    out: dict[str, list[tuple[str, int]]] = {}
    if pids:
        for pid, date, start, _ in index.catalog.dated_passages(pids=pids):
            out.setdefault(pid, []).append((date, start))
    return out


@dataclass(frozen=True)
class Ranked:
    hits: list[Hit]
    # Whether a passage about the question speaks of the asked time: if none does, the question's
    # date words stay evidence the passages lack ("the meeting on 1 June" in articles that never
    # give that day).
    dated: bool
    # When every such passage was written before the time it speaks of: (that time, the latest
    # of their articles' dates). They announce the event; what came of it is not in them.
    announced: tuple[str, str] | None = None


def rank(index: Index, hits: list[Hit], time: TimeAsked, about: Question) -> Ranked:
    """Passages speaking of the asked time first; then, for latest/first, by the dates they speak of.

    Only passages about the rest of the question count (`about`: the question without its time
    words): a passage of another story that happens to speak of June does not move up.
    """
    index.ensure_dates()
    spoken = dates_of(index, [h.passage_id for h in hits])
    weighted = term_weights(index, about.search_terms)
    tokens = index.catalog.tokens([h.passage_id for h in hits])
    held = {h.passage_id: coverage(weighted, set(tokens.get(h.passage_id, "").split()))[0] for h in hits}
    best = max(held.values(), default=0.0)
    in_range: list[Hit] = []
    announced = None
    if time.has_range and best > 0:
        in_range = [h for h in hits if held[h.passage_id] >= best / 2
                    and any(time.holds(d) for d in spoken.get(h.passage_id, []))]
        if in_range:  # none: keep the search's order
            hits = in_range + [h for h in hits if h not in in_range]
            announced = _announced(in_range, spoken, time)
    if time.order:
        latest = time.order == "latest"
        # Among the passages most about the question (its best coverage), the latest or the first.
        top = [h for h in hits if best > 0 and held.get(h.passage_id, 0.0) >= best - 0.01] or hits[:3]

        def when(hit: Hit) -> str:
            dates = [d for d in spoken.get(hit.passage_id, []) if not time.has_range or time.holds(d)]
            dates = dates or ([hit.date] if hit.date else [])
            return (max if latest else min)(dates) if dates else ("" if latest else "9999")

        ordered = sorted(top, key=when, reverse=latest)
        hits = ordered + [h for h in hits if h not in ordered]
    return Ranked(hits, bool(in_range) or not time.has_range, announced)


def timed(index: Index, hits: list[Hit], time: TimeAsked) -> list[Hit]:
    """The passages that speak of a date in the asked range, or whose article is dated in it."""
    spoken = dates_of(index, [h.passage_id for h in hits])
    return [h for h in hits if (h.date and time.holds(h.date[:10]))
            or any(time.holds(d) for d in spoken.get(h.passage_id, []))]


def _announced(in_range: list[Hit], spoken: dict[str, list[str]], time: TimeAsked) -> tuple[str, str] | None:
    """(the asked time as the passages date it, their latest article date) when each passage was
    written before every date it gives in the asked time; else None. A date of the article's own
    day may be a report of that day, so it does not count as announced."""
    dates: list[str] = []
    for hit in in_range:
        asked_dates = [d for d in spoken.get(hit.passage_id, []) if time.holds(d)]
        if not hit.date or any(first_day(d) <= hit.date[:10] for d in asked_dates):
            return None
        dates += asked_dates
    return min(dates), max(h.date[:10] for h in in_range)


# A question asking what came of something: a past verb or auxiliary, and no word that looks
# ahead. English and Russian tense is read from the auxiliary or the ending; an Arabic question's
# verb is past when it follows the question word without the prefix of the present (ي ت ن أ)
# or the future (سـ).
# Words of what is to come, in a question or a sentence: "will", "next", "состоится", "المقبل".
# (Not the Arabic future prefix alone: سـ before a verb is spelled like the start of سيرغي or سيطرة.)
_FUTURE_WORDS = (r"\b(?:will|shall|next|upcoming|scheduled|planned)\b|"
                 r"(?<!\w)(?:будет|будут|состоится|пройд[её]т|следующ\w*|предстоящ\w*)(?!\w)|"
                 r"(?<!\w)(?:سوف|المقبل\w*|القادم\w*|المقرر\w*|المزمع\w*|مقرر\w*)(?!\w)")
_AHEAD = re.compile(
    _FUTURE_WORDS + r"|\b(would|going to|(?:is|are|was|were) (?:to|due|set|expected|planned|scheduled|supposed)|"
    r"expected)\b|(?<!\w)(планир\w*|намеч\w*|ожида\w*|долж\w*)(?!\w)|"
    # a question's own future: "ماذا سيبحث…", "متى سيعقد…"
    r"(?<!\w)(?:ماذا|ما الذي|ما|بماذا)\s+س\w+|(?<!\w)[وف]?متى\s+س[يتنأا]\w{2,}",
    re.IGNORECASE)
_PAST = re.compile(
    r"\b(did|was|were|had|happened|took place)\b|^\s*(?:who|what)\s+\w+ed\b|(?<!\w)был\w*|"
    r"(?<!\w)\w{2,}[аеиоуыя]л(?:а|о|и)?(?:сь|ся)?(?!\w)|(?<!\w)\w+шл[аои]?(?!\w)|"
    r"(?<!\w)(?:ماذا|ما الذي|بماذا|علام|عم)\s+(?:كان\s+)?(?![يتنأ]\w{3})(?!س)\w{2,}",
    re.IGNORECASE)


# Words that ask for what came of something whatever the tense: "ما نتيجة اجتماع غرناطة؟".
_OUTCOME = re.compile(r"\b(outcomes?|results?)\b|(?<!\w)(итог\w*|результат\w*)(?!\w)|"
                      r"(?<!\w)(?:ال)?(نتيج\w*|نتائج\w*|حصيل\w*)(?!\w)", re.IGNORECASE)


def asks_what_came(question: str) -> bool:
    """Whether the question asks what happened, was agreed, was said (not what is planned)."""
    folded = fold(question)
    return bool(_PAST.search(folded) or _OUTCOME.search(folded)) and not _AHEAD.search(folded)


def announcement(ranked: Ranked, question: str) -> str:
    """Why the passages cannot tell what the question asks, when they only announce the asked
    time's event and the question asks what came of it; "" otherwise."""
    if not ranked.announced or not asks_what_came(question):
        return ""
    spoken, written = ranked.announced
    return f"the passages about {spoken} were written before it (the latest on {written})"


def announced_event(index: Index, question: Question, hits: list[Hit], text: str) -> str:
    """Why the passages cannot tell what the question asks, when it asks what came of an event
    they only announce, with no date in the question to compare (announcement() reads one).

    The event is told by the question's rarest word that the passages hold (كيشيناو in "What
    was agreed at the Chisinau meeting?"): when every sentence of theirs holding it speaks of a
    date after its article was written ("في الأول من حزيران/يونيو المقبل في العاصمة المولدافية
    كيشيناو", written on 19 May), and no article written since names it, what came of the event
    is in no article. A sentence holding it without a date, or with a past one, says something
    the question may ask about; "" then, and for a question about what lies ahead."""
    if not hits or not asks_what_came(text):
        return ""
    read = [(hit, sentence_spans(hit.text)) for hit in hits]
    rarest = event_word(index, question.search_terms, read)
    if rarest is None:
        return ""
    lexical = index.lexical()
    spoken = dates_at(index, [h.passage_id for h in hits])
    ahead: list[str] = []
    for hit, spans in read:
        for a, b in spans:
            if not sentence_tokens(hit.text[a:b]) & rarest.tokens:
                continue
            dates = [d for d, start in spoken.get(hit.passage_id, []) if a <= start < b]
            if not hit.date or not dates or any(first_day(d) <= hit.date[:10] for d in dates):
                return ""
            ahead += dates
    if not ahead or lexical.latest_date(rarest.tokens) >= date_key(first_day(min(ahead))):
        return ""
    written = max(h.date[:10] for h in hits if h.date)
    return f"the passages name {rarest.word} only for {min(ahead)}, after they were written (the latest on {written})"


def event_word(index: Index, terms: Iterable[Term], read: list[tuple[Hit, list[tuple[int, int]]]]):
    """The question's term that tells its event: its rarest word (by idf) that the passages'
    sentences hold; None when they hold none.

    A term is as rare as its own word where the passages hold it (Term.weighed, as the decision
    weighs it), and as the form they hold otherwise: "Armenia" reaches the adjective's spellings too
    (الأرمينية), some of them rare, and an English "When will the peace treaty between Armenia and
    Azerbaijan be signed?" told its event by Armenia, not the treaty; "ستوقع" is held as وقع, as
    common as that."""
    lexical = index.lexical()
    held = _held(read)

    def rarity(term: Term) -> float:
        return max(lexical.idf(token) for token in (term.weighed & held) or (term.tokens & held))

    return max((t for t in terms if t.tokens & held), key=rarity, default=None)


def _held(read: list[tuple[Hit, list[tuple[int, int]]]]) -> frozenset[str]:
    """Every token the passages' sentences hold."""
    return frozenset().union(*(sentence_tokens(hit.text[a:b]) for hit, spans in read for a, b in spans))


# The question opens by asking when (not "What did Lavrov say when he met Bayramov?").
_OPENS_WITH_WHEN = re.compile(r"^\W*(?:[وف]?(?:متى|متي|في\s+أي\s+(?:عام|سنة|يوم|شهر|تاريخ)|ما\s+تاريخ)|when\b|"
                              r"(?:in\s+)?(?:what|which)\s+(?:year|date|day|month)\b|когда\b|в\s+каком\s+(?:году|месяце)|"
                              r"какого\s+числа)", re.IGNORECASE)
# Dates a sentence gives beside what extract.KIND reads (a month, a year from 1800, a weekday,
# اليوم، أمس): any year, however old, and centuries ("1519", "منتصف القرن الثامن عشر"), and a date
# relative to its article ("يوم 10 من الشهر ذاته", "الشهر الماضي", "العام نفسه").
_ANY_YEAR = re.compile(r"(?<![\d.,])[0-9\u0660-\u0669]{3,4}(?![\d%])|(?<!\w)(?:ال)?قرن|\bcentur|\bдесятилет|\bвек", re.I)
_RELATIVE_DATE = re.compile(r"(?<!\w)(?:يوم\s+[0-9\u0660-\u0669]{1,2}(?!\d)|(?:ال)?(?:شهر|عام|سنة|أسبوع|اسبوع)\s+"
                            r"(?:ذاته|ذاتها|نفسه|نفسها|الماضي|الماضية|الجاري|الجارية|المقبل|المقبلة|الحالي))")


def _dates(sentence: str) -> bool:
    return of_kind("date", sentence) or bool(_RELATIVE_DATE.search(sentence) or _ANY_YEAR.search(sentence))


def undated(index: Index, question: Question, hits: list[Hit]) -> str:
    """The event a "when" question asks the date of, when no sentence of the passages that holds
    it gives a date, or "".

    "متى وقعت أرمينيا وأذربيجان معاهدة السلام؟" finds the leaders signing the ceasefire statement
    on 9 November 2020, and the peace treaty in another sentence, on talks still to come: every
    word is held, and the date quoted is another event's. Only a question that opens by asking
    when. The event is told by the question's rarest word that the passages hold (as for
    announced_event; a phrase whole), leaving out its place and its people and countries while
    another word is held; a sentence holding it answers "when" if it gives a date (_dates).
    Requiring the two rarest words took XQuAD's answerable questions down with it ("متى أدلى وزير
    الخارجية الجورجي زلكالياني بتصريحه؟": his office is in the sentence before; stop 39, the next
    rarest in the dated sentence or the one before: XQuAD Arabic −4 answerable, ARCD −2).
    A milestone asked (taking office, leaving it, a withdrawal, a birth or death) must be told in
    the dated sentence too (bot/milestone.py).
    """
    if question.asks != "date" or not hits or not _OPENS_WITH_WHEN.search(question.text):
        return ""
    read = [(hit, sentence_spans(hit.text)) for hit in hits]
    # What happened, not where or who: "When did Azerbaijan set up the checkpoint at the Lachin
    # corridor?" asks the checkpoint's date. Its rarest words are its place (a sentence dates
    # Russia's peacekeepers in the corridor) and its actor (Azerbaijan is dated in many sentences);
    # the event is told by the rarest of the rest the passages hold, and by them only when nothing
    # else is held. A milestone's person is the event's ("When was X born?", bot/milestone.py).
    # "When did X become minister / resign / die", "when was X founded": the dated sentence must
    # also tell that milestone, not another event of X's.
    milestone = asked_milestone(question.text)
    setting = set(setting_terms(question.text, question.search_terms))
    core = [t for t in question.search_terms if t not in setting]
    # The milestone's own words ("ولد", "توفي") are its check's: "متى ولد خاشقجي وتوفي؟" asks the
    # dates of his life, which the brackets after his name tell without the word.
    doing = [t for t in core if not _who_or_where(index, t)] if milestone is None else \
        [t for t in core if not asks_milestone(t.word, milestone)] or core
    rarest = event_word(index, doing, read) or event_word(index, core, read) \
        or event_word(index, question.search_terms, read)
    if rarest is None:
        return ""
    needed = tokens_needed(rarest)
    # A question naming several people or places asks when they met or acted together: the dated
    # sentence names two of them. "When did Zalkaliani meet Lavrov?" is not dated by Zalkaliani's
    # statement, nor the leaders' next summit by the EU's. (A country is no one to meet: "وزير
    # الخارجية الجورجي زلكالياني" is one man.)
    held = _held(read)
    people = [t for t in core if _named(index, t) and t.tokens & held]
    named = [tokens_needed(t) for t in people]
    together = 2 if len(named) >= 2 else 0
    # "When will they hold their next summit?": a date the article looks ahead to answers it, not
    # the last summit's; the past "when" keeps any date (an article may tell yesterday's event).
    ahead = bool(_AHEAD.search(fold(question.text)))
    spoken = dates_at(index, [h.passage_id for h in hits]) if ahead else {}
    # What is to come is told by one sentence about it: "متى ستجرى الانتخابات البرلمانية المبكرة في
    # تركيا؟" is not dated by a French article's "الانتخابات ... التي ستجرى في 2017", which holds the
    # rarest word (the verb) and little else of the question. A sentence looking ahead must hold
    # half of the question's weight, its setting left out (a past event keeps the rarest word
    # alone: XQuAD's answering sentences word the rest otherwise, see above).
    weighted = term_weights(index, tuple(core)) if ahead else []
    past_only = False  # a sentence dates the event, but only before its article was written
    for hit, spans in read:
        for a, b in spans:
            sentence = hit.text[a:b]
            tokens = sentence_tokens(sentence)
            if meets(tokens, needed) and _dates(sentence) and (milestone is None or milestone.told(sentence)) \
                    and _names_together(tokens, named, together):
                dates = [d for d, at in spoken.get(hit.passage_id, []) if a <= at < b]
                if not ahead:
                    return ""
                if _looks_ahead(hit, sentence, dates):
                    if coverage(weighted, tokens)[0] >= AHEAD_SHARE:
                        return ""
                    continue
                past_only = True
    event = f"{rarest.word} (with two of {', '.join(t.word for t in people)})" if together else rarest.word
    if past_only:
        return f"{event} (asked what is to come; dated only in the past)"
    return event if milestone is None else f"{event} ({milestone.name})"


# The share of a question's weight, its setting left out, that a sentence dating what is to come
# must hold (undated).
AHEAD_SHARE = 0.5

# A sentence speaking of what is to come.
_FUTURE = re.compile(_FUTURE_WORDS, re.IGNORECASE)


def _looks_ahead(hit: Hit, sentence: str, dates: list[str]) -> bool:
    """Whether a dated sentence speaks of a time after its article was written: a date it gives
    later than the article's, or a word of the future (an article without a date is given the
    benefit of the doubt)."""
    if _FUTURE.search(fold(sentence)):
        return True
    if not hit.date:
        return True
    return any(first_day(d) > hit.date[:10] for d in dates)


# A preposition that opens the question's setting, where the event took place or what it was
# about ("at the Lachin corridor", "в Минске", "في مينسك", "о новом формате"); not the first word
# ("In what year ...").
_SETTING = re.compile(r"(?<=\S)\s+(?:at|in|on|near|inside|about|в|во|на|у|около|возле|о|об|обо|"
                      r"في|فى|قرب|عند|داخل|عن|حول)\s+", re.IGNORECASE)


def _names_together(tokens: frozenset[str], named: list, together: int) -> bool:
    """Whether a sentence's tokens meet at least `together` of the named people's."""
    return not together or sum(1 for needed in named if meets(tokens, needed)) >= together


def _named(index: Index, term: Term) -> bool:
    """A name across scripts, a place, or words the corpus announces as names (all its own words,
    not the forms it also reaches: وزير الخارجية is an office), and not a country."""
    if term.word in country_words():
        return False
    return term.name or term.place or bool(term.weighed) and term.weighed <= index.names()


def _who_or_where(index: Index, term: Term) -> bool:
    """A name (_named) or a country: who or where, not what happened."""
    return _named(index, term) or term.word in country_words()


def setting_terms(text: str, terms: Iterable[Term]) -> list[Term]:
    """The question's terms that only its setting holds (after its first preposition of place or topic)."""
    terms = tuple(terms)
    m = _SETTING.search(text)
    if not m:
        return []
    before = set(terms_in(text[:m.start()], terms))
    return [t for t in terms_in(text[m.end():], terms) if t not in before]


def events(index: Index, time: TimeAsked, limit: int) -> list[Event]:
    """The dated events of the asked time: the latest ones for "latest", else in order."""
    found = [e for e in timeline(index, "", time.date_from, time.date_to) if time.holds(e.date)]
    if time.month and not (time.date_from or time.date_to):
        years = sorted({e.date[:4] for e in found})
        if years:  # "in May": the latest May the articles speak of
            found = [e for e in found if e.date.startswith(years[-1])]
    if time.order == "first":
        return found[:limit]
    return found[-limit:] if time.order == "latest" else found[:limit]


def event_hits(index: Index, found: list[Event]) -> list[Hit]:
    return passages_as_hits(index, [e.sources[0]["passage_id"] for e in found])
