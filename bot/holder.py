"""Who holds an office: the sentence that names the office must name someone holding it.

"من هم الرؤساء المشاركون لمجموعة مينسك؟" finds the Russian side offering its help "through the
co-chairs of the OSCE Minsk Group": the office, the group, no co-chair by name. "من هو الأمين
العام لمنظمة الأمن والتعاون في أوروبا؟" finds, among 300 unrelated articles, Interpol's
secretary-general. The office check (qualifiers.unheld) asks only that the articles name the
office; a quotation answers "who" only when one sentence holds the office, what the question ties
it to (the country, the organisation) standing near the office as in the question's phrase, and
a name beside them: "من هو المتحدث باسم وزارة الخارجية الأذربيجانية؟" is not answered by Russia's
spokeswoman in a sentence that names Azerbaijan a dozen words on. A country the passage names
may go unsaid in a sentence that names none (a portrait of France's minister says "the minister"),
and a tie the sentence before holds in a sentence holding one of its own.

A name is a word the corpus announces as one (retrieval/names.py: the words after a title such as
وزير، الرئيس، المتحدث; also after a comma here), other than the names the question itself gives, and not a country's or a
gazetteer place's ("جمهورية أرمينيا" announces Armenia): an office is held by a person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterable, Sequence

from retrieval.chunking import sentence_spans
from retrieval.names import gazetteer, name_tokens
from retrieval.normalize import analyze, has_arabic, sentence_tokens, strip_marks
from retrieval.question import Term, meets, phrase_until_clause, terms_in, tokens_needed

from .qualifiers import WHO_IS_AR, country_tokens

# The question asks who someone is: "من هو/هي/هم ..."، "ما اسم ..."، "Who is/are the ...", "Кто является ...".
_ASKED = (
    re.compile(WHO_IS_AR + r"(?P<office>.+)"),
    re.compile(r"^\W*who\s+(?:is|was|are|were|will\s+be)\s+(?P<office>.+)", re.IGNORECASE),
    re.compile(r"^\W*кто\s+(?:является|являлся|был|была|были|будет|сейчас)?\s*(?P<office>.+)", re.IGNORECASE),
    # "What is the name of the commander…", "Как зовут командующего…", as Arabic's ما اسم
    re.compile(r"^\W*what\s+(?:is|was|are|were)\s+the\s+names?\s+of\s+(?P<office>.+)", re.IGNORECASE),
    re.compile(r"^\W*(?:как\s+зовут|как\s+(?:его|её|ее)\s+зовут|каково\s+имя|как\s+фамилия)\s+(?P<office>.+)", re.IGNORECASE),
)
# The office's words end where a clause about it starts: "من هو الوزير الذي زار مينسك؟".
_CLAUSE = re.compile(r"(?<!\w)(?:الذي|التي|الذين|اللذين|who|that|which|когда|котор\w*)(?!\w)", re.IGNORECASE)
# "Counterpart" (نظيره، نظيريه، نظراؤه), as the words are read: the same office on the other side.
_COUNTERPART = re.compile(r"^(?:نظير|نظرا)")
# Offices a person holds, as index tokens: titles that announce a name (retrieval/names.py) and
# their plurals.
_OFFICES = frozenset(token for _, token in analyze(
    "رئيس رؤساء وزير وزراء سفير سفراء قائد قادة زعيم زعماء مبعوث ممثل مستشار متحدث ناطق أمين مدير "
    "محافظ أمير ملك نائب مسؤول"))
# "Leaders" is held by whoever heads a state or a government: "Which German and French leaders were
# to join the meeting?" is answered by "المستشار الألماني أولاف شولتس والرئيس الفرنسي إيمانويل ماكرون",
# which never writes قادة.
_LEADERS = frozenset(token for _, token in analyze("قادة زعيم زعماء"))
_HEADS = _LEADERS | frozenset(token for _, token in analyze("رئيس مستشار ملك أمير"))


@dataclass(frozen=True)
class Office:
    word: str  # the office as the question's term writes it
    needed: tuple[frozenset[str], ...]  # the token sets a sentence must all meet to name it (a phrase whole)
    ties: tuple[tuple[frozenset[str], ...], ...]  # what the question ties it to: each term's token sets
    own_names: frozenset[str]  # the question's own words: not the holder
    # How many words the question's office phrase spans ("المتحدث باسم وزارة الخارجية الأذربيجانية":
    # five): its ties must stand that near the office in a sentence, not anywhere in it.
    span: int = 1


def asked_office(text: str, terms: Iterable[Term]) -> Office | None:
    """The office a question asks the holder of, with what it ties the office to, or None."""
    text = strip_marks(text)
    m = next((m for pattern in _ASKED if (m := pattern.search(text))), None)
    if not m:
        return None
    # An Arabic question names the office first ("من هو وزير الخارجية الإيراني"; "من هو باشينيان"
    # asks about a name); English and Russian put its country or adjective before it.
    if not m["office"].split():
        return None
    arabic = has_arabic(m["office"].split()[0])
    office_text = _CLAUSE.split(m["office"])[0]
    if not arabic:
        office_text = _until_phrase_end(office_text)
    read = [token for _, token in analyze(office_text)]
    if not read:
        return None
    terms = tuple(terms)
    candidates = read[:1] if arabic else read
    role = next((token for token in candidates if token in _OFFICES), None)
    if role is None:
        return None
    office = next((t for t in terms if role in t.tokens), None)
    if office is None:
        return None
    ties = [tokens_needed(t) for t in terms_in(office_text, terms) if t is not office]
    own = frozenset().union(*(t.tokens for t in terms))
    needed = (_HEADS,) if role in _LEADERS else tokens_needed(office) or (frozenset(office.tokens),)
    return Office(office.word, needed, tuple(ties), own, len(read))


def _until_phrase_end(office_text: str) -> str:
    """An English or Russian office phrase ends at the first preposition after the office: "Кто из
    немецких и французских лидеров | должен был присоединиться к встрече в Кишинёве?" ties the
    leaders to Germany and France, not to the meeting and Chisinau further on."""
    words = office_text.split()
    at = next((i for i, word in enumerate(words) if any(t in _OFFICES for _, t in analyze(word))), None)
    if at is None:
        return office_text
    return " ".join(words[:at + 1] + [phrase_until_clause(" ".join(words[at + 1:]))]).strip()


def unnamed_holder(office: Office | None, passages: Sequence[str], names: frozenset[str]) -> str:
    """The office when no sentence of the passages holds it, its ties and a name, or ""."""
    if office is None:
        return ""
    for text in passages:
        previous: frozenset[str] = frozenset()
        for start, end in sentence_spans(text):
            sentence = text[start:end]
            before, tokens = previous, sentence_tokens(sentence)
            previous = tokens
            if not meets(tokens, office.needed):
                continue
            unmet = [needed for needed in office.ties if not meets(tokens, needed)]
            # What the sentence before has said need not be said again: "توصل أعضاء لجنة التشريع
            # العام في البرلمان التونسي... وأوضح رئيس لجنة التشريع العام، عبادة الكافي" names the
            # committee's head, Tunisia's parliament a sentence earlier (the sentence must hold a
            # tie of its own).
            if unmet and not _country_of_passage(unmet, tokens, text) and not (
                    len(unmet) < len(office.ties) and all(meets(before, needed) for needed in unmet)):
                continue
            near = replace(office, ties=tuple(needed for needed in office.ties if needed not in unmet))
            if not _tied_near(near, analyze(sentence)):
                continue
            # The corpus's names, and one this sentence announces after a comma ("نائب وزير
            # الخارجية الروسي، أندريه رودينكو"), which the name table does not read.
            held = (tokens & names) | name_tokens(sentence, apposition=True)
            if held - office.own_names - _not_people():
                return ""
    return office.word


def _country_of_passage(unmet: list[tuple[frozenset[str], ...]], tokens: frozenset[str], passage: str) -> bool:
    """Whether the ties a sentence lacks are a country its passage names, the sentence naming none:
    "خلفا للوزير الحالي لوران فابيوس" in a portrait of France's defence minister answers "who is
    the French foreign minister"; a sentence naming Egypt's minister does not."""
    countries = country_tokens().keys()
    if tokens & countries:
        return False
    held = sentence_tokens(passage)
    return all(any(group & countries for group in needed) and meets(held, needed) for needed in unmet)


def _tied_near(office: Office, words: list[tuple[str, str]]) -> bool:
    """Whether the office stands in the sentence with its ties around it, as the question's phrase
    holds them: "أعلنت المتحدثة باسم وزارة الخارجية الروسية، ماريا زاخاروفا، إن وزراء خارجية روسيا
    وأرمينيا وأذربيجان سيعقدون..." names Russia's spokeswoman; Azerbaijan, a dozen words on, is not
    hers. The ties may stand before the office ("نائب رئيس وزراء جورجيا، وزير الخارجية") or after it
    ("رئيس وزراء جمهورية أرمينيا"), within one word more than the question's phrase spans. A
    counterpart stands for the office named before it ("وزير الخارجية الروسي ... مع نظيريه الأرمني
    زوغراب مناتساكانيان"), as news writes the other side's minister.

    words: the sentence's (word, token) pairs (retrieval.normalize.analyze)."""
    if not office.ties:
        return True
    reach = office.span + 1
    ordered = [token for _, token in words]

    def around(i: int) -> frozenset[str]:
        return frozenset(ordered[max(0, i - reach):i + len(office.needed) + reach])

    named: frozenset[str] | None = None  # around the office's own mention, for a counterpart after it
    for i, (word, token) in enumerate(words):
        if token in office.needed[0]:
            near = around(i)
            named = near if named is None else named
        elif named is not None and _COUNTERPART.match(word):
            near = around(i) | named  # "نظيريه الأرمني": the office's words are back at its mention
        else:
            continue
        if all(meets(near, needed) for needed in office.ties):
            return True
    return False


@lru_cache(maxsize=1)
def _not_people() -> frozenset[str]:
    """Index tokens of countries and gazetteer places: names the corpus announces that hold no office."""
    places = {token for word in gazetteer()[0] for _, token in analyze(word)}
    return frozenset(country_tokens()) | frozenset(places)
