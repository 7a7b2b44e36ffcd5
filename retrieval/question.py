"""A question, analysed once: its language, its search terms, and what kind of thing it asks for.

Every later step (search, the answer/refuse decision, picking a sentence to quote) reads this
object instead of tokenising the question again.

A term is one content word of the question with every index token that realises it: its own
stemmed token, and for a Latin or Cyrillic name the tokens of the Arabic words that share its
cross-script key (retrieval/translit.py). "Lavrov" is thereby a term the Arabic index can hold.
"""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, replace
from typing import AbstractSet, Callable, Iterable

from wordfreq import word_frequency, zipf_frequency

from . import dates, places
from .countries import adjective_forms
from .names import gazetteer
from .normalize import (alias_targets, analyze, analyze_written, curated_lines, fold_letters, has_arabic, has_cyrillic,
                        language_of, reads_as_letter_and_word, strip_marks)
from .translit import closest_spellings, foreign_keys, name_key_variants, spelled_closer

# Cross-script keys -> {index token: the Arabic words with that key and token} (Index.name_tokens).
KeyLookup = Callable[[list[str]], dict[str, dict[str, frozenset[str]]]]

# What the question asks for, by its question word. Checked in order; the first match wins.
_ASKS_AS_WRITTEN = (
    ("date", re.compile(r"(^|\s)(متى|في أي (يوم|عام|سنة|شهر|تاريخ)|ما تاريخ|في أي وقت)|\bwhen\b|\bwhat (date|day|year|month)\b|"
                        r"\bin which (year|month)\b|\bкогда\b|\bв какой (день|год|месяц)\b|\bкакого числа\b|"
                        r"\bquand\b|\b(emta|imta|amta|mata)\b", re.I)),
    # A quantity is also asked by what it measures: "Какова численность армии?", "What is the
    # population of Karabakh?", "ما حجم التبادل التجاري؟".
    ("number", re.compile(r"(^|\s)(كم|ما عدد|ما هو عدد|ما نسبة|ما مقدار|ما مدة|ما هي مدة|ما مساحة|ما هي مساحة|"
                          r"ما حجم|ما هو حجم|ما تعداد|ما هو تعداد|ما عمر|ما هو عمر|في أي سن|في أي عمر|"
                          # a sum asked by what it is: a budget, a cost, a price, a salary
                          r"ما (هي |هو |كانت |كان )?(ميزانية|تكلفة|كلفة|سعر|ثمن|راتب|قيمة))(\s|$)|"
                          r"\bwhat (is|was|are|were) the (total |annual |monthly |estimated )?(cost|price|budget|salary|value)\b|"
                          r"\bat what age\b|\bв каком возрасте\b|"
                          r"\bhow (many|much|long|far|old|large|big)\b|\bwhat (number|percentage|share|amount)\b|"
                          r"\bwhat (is|was) the (total )?(area|population|number|size|strength)\b|\bсколько\b|"
                          r"\bкакое количество\b|\bкак долго\b|\bкаков[аоы]? (общая |общее |общий )?"
                          r"(площадь|численность|число|количество|размер|население|стоимость|цена|бюджет|зарплата|сумма)\b|"
                          # French and romanised Arabic, which the bot answers in English
                          r"\bcombien\b|\bquel(le)?s? (est|sont|était|etait) (le |la |les )?(salaire|prix|co[uû]t|budget|"
                          r"nombre|montant|population)\b|\b(kam|2addesh|addesh|adesh|2adesh)\b", re.I)),
    # من opening the question (or after و / ف) is "who"; inside it, "من" is mostly "of" or "from"
    # (جزء من, من عام), so there only "من هو / من الذي" asks for a person.
    ("person", re.compile(r"^[وف]?من\s|(^|\s)[وف]?من\s+(هو|هي|هم|الذي|التي|الذين)(\s|[؟?]|$)|\bwho(m|se)?\b|\bкто\b|\bкем\b|"
                          r"\bкого\b|\bчей\b|^qui\b|\bmeen\b", re.I)),
    ("place", re.compile(r"(^|\s)(أين|اين|وأين|في أي (مدينة|بلد|دولة|مكان))(\s|$)|\bwhere\b|\bin which (city|country|place)\b|"
                         r"\bгде\b|\bкуда\b|\bв каком (городе|месте)\b|(^|\s)où\b|\b(wen|wein|fein|ween)\b", re.I)),
)
# Read with the letters chat writes for others folded alike (اين / أين, متي / متى, نسبه / نسبة).
_ASKS = tuple((kind, re.compile(fold_letters(p.pattern), p.flags)) for kind, p in _ASKS_AS_WRITTEN)

# A "how many" question may name the unit it counts in ("how many hours", "сколько дней", "كم
# ساعة"): the quantity quoted must then be of that unit (bot/extract.py `counts`). The unit right
# after the question word, or one word later ("how many more days", "сколько всего часов").
_UNITS_ASKED = {
    "second": r"seconds?|секунд\w*|ثوان\w*",
    "minute": r"minutes?|минут\w*|دقيق\w*|دقائق",
    "hour": r"hours?|час\w*|ساع\w*",
    "day": r"days?|дн\w*|день|дня|суток|يوم\w*|ايام|أيام",
    "week": r"weeks?|недел\w*|اسبوع\w*|أسبوع\w*|اسابيع|أسابيع",
    "month": r"months?|месяц\w*|شهر\w*|اشهر|أشهر",
    "year": r"years?|год\w*|лет|عام\w*|سنة|سنوات|اعوام|أعوام",
    "percent": r"percent\w*|per cent|процент\w*",
    "money": r"dollars?|euros?|roubles?|rubles?|долл\w*|евро|рубл\w*|دولار\w*|يورو|روبل\w*",
}
_ASKED_UNIT = {unit: re.compile(rf"(\bhow many|\bсколько|(^|\s)كم)\s+(\w+\s+)?({asked})(\W|$)", re.I)
               for unit, asked in _UNITS_ASKED.items()}
# Money is asked by what it is (a cost, a salary, a budget) as often as by its currency.
_ASKED_UNIT["money"] = re.compile(_ASKED_UNIT["money"].pattern + r"|\b(spen[dt]|cost|price|salary|budget|money|paid|pay)\b|"
                                  r"\b(salaire|co[uû]t|prix|ra2eb|rateb|ma3ash)\b|"
                                  r"\bсто(ил|ит)\w*|\bпотрат\w*|\bденег|\bзарплат\w*|\bбюджет\w*|"
                                  r"(^|\s)(تكلف\w*|كلف\w*|أنفق\w*|انفق\w*|راتب\w*|ميزاني\w*|سعر|ثمن)", re.I)
_ASKED_UNIT["percent"] = re.compile(_ASKED_UNIT["percent"].pattern + r"|\bwhat (percentage|per cent)|\bкакой процент|"
                                    r"(^|\s)(ما|كم) (هي )?(نسبة|النسبة)", re.I)
# The Arabic verbs that ask how long after كم (كم استغرقت، كم دامت، كم استمرت).
_DURATION_VERB = r"استغرق\S*|استمر\S*|دام\S*"
# "How long did the talks last?" names no unit but asks for a length of time, in any unit of
# time ("نحو 4 ساعات", "يومين", "ثلاثة عقود"): a sentence counting states or residents does not
# answer it. "How long is the corridor?" asks a length (any quantity). Read after the named units.
_ASKED_UNIT["duration"] = re.compile(
    r"\bhow long\b(?!\s+(is|are)\b)|\bfor how long\b|\bкак долго\b|"
    r"\bсколько\s+(\w+\s+)?(времени|длил\w*|длит\w*|продолжал\w*|продлил\w*|занял\w*|занима\w*)|"
    r"(^|\s)كم\s+(من\s+)?(الوقت|الزمن)|(^|\s)(كم|ما)\s+(هي\s+|كانت\s+)?(مدة|المدة)(\s|$)|"
    rf"(^|\s)كم\s+(\w+\s+)?({_DURATION_VERB}|طال\w*)", re.I)


# An age asks a number of years ("How old was Manning when he played in Super Bowl 50?", "كم كان
# عمر…", "ما عمر…", "Сколько лет было…"): a sentence on the game that counts yards does not answer it.
_ASKED_UNIT["age"] = re.compile(r"\bhow old\b|\bat what age\b|\bв каком возрасте\b|"
                                r"\bсколько\s+(\w+\s+)?лет\s+(было|исполнилось|будет|\w+(у|ю|ому|ему|ой|е))\b|"
                                r"(^|\s)(كم|ما)\s+(هو\s+|كان\s+|كانت\s+|يبلغ\s+|بلغ\s+)?(عمر|سن)\w*|(^|\s)في\s+أي\s+(سن|عمر)", re.I)

# An area asks a number of square kilometres or hectares ("ما هي مساحة الإقليم؟", "What is the
# area of Karabakh?", "Какова площадь Карабаха?"): tens of thousands of residents do not answer it.
_ASKED_UNIT["area"] = re.compile(r"\bwhat (is|was) the (total )?area\b|\bhow (large|big) (is|was) the area\b|"
                                 r"\bsquare (kilometres|kilometers|miles)\b|\bкакова (общая )?площадь\b|"
                                 r"\bквадратн\w*|(^|\s)(ما|كم) (هي |تبلغ )?مساح\w*|(^|\s)كيلومتر\w* مربع", re.I)


def asked_unit(question: str) -> str | None:
    """The unit a "how many" question counts in ("hour", "money", "duration" for how long), or None."""
    return next((unit for unit, pattern in _ASKED_UNIT.items() if pattern.search(question)), None)
_WORDS = re.compile(r"\w+", re.UNICODE)
# Weight of the words a follow-up borrows from the previous question: enough to keep the search
# on the same event, too little to outvote the one word the follow-up asks about.
BORROWED = 0.3


@dataclass(frozen=True)
class Term:
    word: str  # the word as the question wrote it (normalised, lower case)
    tokens: frozenset[str]  # index tokens any of which realises the term in a passage
    name: bool = False  # a Latin/Cyrillic word matched to Arabic words (cross-script key or city name)
    weight: float = 1.0  # below 1 for words a follow-up borrows from the previous question
    place: bool = False  # a Latin/Cyrillic word that names a city (places.py): readable, held or not
    # Tokens added by rule (a country's Arabic adjective): they realise the term in a passage,
    # but how informative the term is stays its own word's (a rare adjective spelling such as
    # الأرميني must not make "Armenia" look like a rare word).
    also: frozenset[str] = frozenset()
    # A phrase's words (their tokens), each with the share of the phrase's weight a passage
    # holding only that word earns (retrieval.search.term_weights fills the shares in).
    parts: tuple[tuple[frozenset[str], float], ...] = ()

    @property
    def weighed(self) -> frozenset[str]:
        """The tokens whose idf says how informative the term is."""
        return self.tokens - self.also if self.also else self.tokens


def tokens_needed(term: Term) -> tuple[frozenset[str], ...]:
    """What a passage's sentence must hold to speak of the term: one of its Arabic tokens, or for
    a phrase (مجموعة مينسك, منظمة الأمن والتعاون) each of its words: "التعاون" alone is not the
    OSCE. () when an Arabic passage cannot hold it (an English or Russian word the index cannot read)."""
    arabic = frozenset(token for token in term.tokens if has_arabic(token))
    if " " not in term.word or not arabic:
        return (arabic,) if arabic else ()
    return tuple(frozenset({token}) for _, token in analyze(term.word))


# Where a phrase of a question ends: a preposition or a relative word, in any of the three
# languages ("the Russian peacekeepers | in Karabakh", "рабочей группой | по открытию", "الوحدة
# الروسية | التي عاد ..."), or words a caller adds (English auxiliaries after "how many X").
_PHRASE_END = (r"in|at|on|to|by|from|during|after|before|since|that|which|who|в|во|на|при|после|до|с|со|из|к|у|о|"
               r"об|по|для|котор\w*|في|فى|إلى|الى|على|عن|مع|خلال|منذ|بعد|قبل|بشأن|بشان|حول|الذي|التي|الذين")


def phrase_until_clause(span: str, also: str = "") -> str:
    """The span up to its first preposition or relative word (or one of `also`, an alternation)."""
    end = re.compile(rf"\s(?:{_PHRASE_END}{'|' + also if also else ''})\s", re.IGNORECASE)
    return end.split(f" {span} ", maxsplit=1)[0].strip()


def meets(tokens: AbstractSet[str], needed: Iterable[frozenset[str]]) -> bool:
    """Does a sentence's token set speak of a term, given the term's `tokens_needed`?"""
    return all(tokens & need for need in needed)


def terms_in(span: str, terms: Iterable[Term]) -> list[Term]:
    """The question's terms that a span of it realises and an Arabic passage can hold, in the
    span's order, each once: what the offline checks read as a question's office, thing headed,
    counted thing, doer or topic."""
    terms = tuple(terms)
    found: list[Term] = []
    for _, token in analyze(span):
        for term in terms:
            if token in term.tokens and term not in found and tokens_needed(term):
                found.append(term)
    return found


@dataclass(frozen=True)
class Question:
    text: str
    language: str  # ar, en or ru: the language of the reply
    terms: tuple[Term, ...] = ()
    asks: str = "other"  # date, number, person, place or other
    unit: str | None = None  # for "number": the unit it counts in (asked_unit), or None for any quantity
    foreign: bool = False  # Latin script but not English (French, Arabizi...): answered in English
    translation: "Question | None" = None  # the question in Arabic, when an LLM translated it
    context: str = ""  # the previous question, for a follow-up searched without an LLM

    @property
    def tokens(self) -> list[list[str]]:
        """BM25 query terms, the translation's too, each as its tokens: the parts of a phrase
        (وزير خارجية) are terms of their own; the tokens of one word are alternatives (a name's
        Arabic spellings), scored as the best of them (lexical.py)."""
        out: list[list[str]] = []
        for term in self.search_terms:
            if " " in term.word:
                out.extend([token] for token in sorted(term.tokens))
            else:
                out.append(sorted(term.tokens))
        return out

    @property
    def borrowed_weight(self) -> frozenset[str]:
        """Tokens that realise a term without saying how informative it is (`Term.also`: a
        country's adjective, a verb's other tense, a noun with a pronoun): BM25 scores them at
        the idf of the term's own tokens, not their own, so that a passage writing the rarer
        form (مهمتها) does not outrank one writing the reader's word (مهمة)."""
        return frozenset().union(*(t.also for t in self.search_terms if " " not in t.word and t.weighed))

    @property
    def search_terms(self) -> tuple[Term, ...]:
        """The terms evidence is weighed on: the question's own, and its Arabic translation's."""
        if self.translation is None:
            return self.terms
        seen = {t.word for t in self.terms}
        return self.terms + tuple(t for t in self.translation.terms if t.word not in seen)

    @property
    def dense_texts(self) -> list[str]:
        """What the embedder reads: the question (with its context), and its translation."""
        own = f"{self.context} {self.text}".strip()
        return [own] + ([self.translation.text] if self.translation is not None else [])

    def with_translation(self, translation: "Question | None") -> "Question":
        return replace(self, translation=translation)

    def following(self, previous: "Question") -> "Question":
        """A follow-up searched by its own words first: the previous question's words fill in what
        it leaves out, at a lower weight, and the embedder reads both."""
        own = {t.word for t in self.terms}
        borrowed = tuple(replace(t, weight=t.weight * BORROWED) for t in previous.terms if t.word not in own)
        return replace(self, terms=self.terms + borrowed, context=previous.text)

    def _share(self, held: Callable[[Term], bool], weight: Callable[[Term], float] = lambda t: 1.0) -> float:
        """The weighted share of the question's terms for which `held` is true (0 without terms)."""
        weights = [(weight(t), held(t)) for t in self.search_terms]
        total = sum(w for w, _ in weights)
        return sum(w for w, h in weights if h) / total if total > 0 else 0.0

    @property
    def readable_share(self) -> float:
        """Share of the terms the Arabic index can read (Arabic words, digits, matched names)."""
        return self._share(_readable)

    @property
    def readable_information(self) -> float:
        """Share of the question's information carried by terms the Arabic index reads, each term
        weighed by its informativeness in the question's language (search.cross_lingual_rerank)."""
        return self._share(_readable, lambda t: informativeness(t.word, self.language))

    @property
    def vocabulary_share(self) -> float:
        """Share of the terms the Arabic index reads as words (Arabic, glossary terms, numbers):
        names matched across scripts left out."""
        return self._share(lambda t: _readable(t) and not t.name)


def informativeness(word: str, language: str) -> float:
    """0..1: how much a word tells in its language, from wordfreq's Zipf frequency (7: "the",
    about 0; 2 and rarer: a rare name, 1). A phrase tells as much as its rarest word; a word
    of another script (an Arabic glossary term in an English question) is rare there, so 1.
    wordfreq's small lists (the 30,000 commonest words, loaded in 0.07 s) suffice: a word
    missing from them is rare enough to count fully."""
    return max(min(1.0, max(0.0, (7.0 - zipf_frequency(w, language, wordlist="small")) / 5.0))
               for w in word.split() or [word])


def _readable(term: Term) -> bool:
    return has_arabic(term.word) or term.word.isdigit() or term.name


def asks_for(text: str) -> str:
    """date, number, person, place or other: the kind of thing the question wants."""
    q = fold_letters(" ".join(strip_marks(text).split()))
    # The question word that comes first decides: "How many seconds were left when the Broncos
    # intercepted the pass?" asks a number, "Who was president when the war began?" a person.
    found = [(m.start(), i, kind) for i, (kind, pattern) in enumerate(_ASKS) if (m := pattern.search(q))]
    return min(found)[2] if found else "other"


# A few very common words of French and romanised Arabic: enough to tell a reader who writes in
# neither English nor Russian that the reply comes in English.
_FRENCH_FUNCTION_WORDS = set(
    "le la les des du de au aux est sont une un que qui quoi quel quelle quels quelles quand comment "
    "pourquoi avec dans pour sur par entre ont été et ce cette ces il elle ils elles où se s qu l d a à en ne "
    "pas sa son ses leur leurs combien".split()
)
# The question words, prepositions and particles of romanised Arabic ("Arabizi"), as chat writes
# them (2 for hamza, 3 for ع, 7 for ح). Like the French ones, they are not what a question asks
# about: "shu 2al lavrov 3an el 7odood?" is asked about Lavrov and the border, and counting shu, 2al,
# 3an and el among its words made it look mostly unreadable (refused).
_ARABIZI_FUNCTION_WORDS = set(
    "shu shou sho esh eish eh eih ayh aysh 2al 2alet 2alo 2alu 3an 3ala 3la 3al el il wa w fi fe ma3a m3a "
    "kam 2addesh adesh meen min mn mata emta imta leh leih leish lesh lish lay ya3ni hal bi b li lal ila "
    "ela wen wein fein ween kif keef kaif ma la 2ad men".split()
)
# The ones that are not also short English or French words, to tell such a question from English.
_NOT_ENGLISH = (_FRENCH_FUNCTION_WORDS - {"de", "un", "et", "il", "par", "s", "l", "d", "a", "en", "son"}) | (
    _ARABIZI_FUNCTION_WORDS - {"il", "b", "w", "la", "ma", "bi", "li", "hal", "min", "men", "lay"}) | {"wazir", "wesh"}
# Dropped from the terms of a question in either language (it is then answered in English).
_FOREIGN_FUNCTION_WORDS = _FRENCH_FUNCTION_WORDS | _ARABIZI_FUNCTION_WORDS
# A Latin word with a digit among its letters (ra2eb, 7odood, ma3a, 3an) is romanised Arabic; an
# ordinal or a unit (2nd, 3rd, 5km, 1990s) or a name with a number (G20, S300, COVID19) is not.
_ARABIZI_DIGITS = re.compile(r"[a-z][235679]|[235679][a-z]{2,}")
_NUMBERED = re.compile(r"\d+(st|nd|rd|th|s|km|kg|mm|cm|bn|mn|m|g)|[a-z]{1,6}\d+")


def _not_english(word: str) -> bool:
    return word in _NOT_ENGLISH or (bool(_ARABIZI_DIGITS.search(word)) and not _NUMBERED.fullmatch(word))


# The kind of thing an Arabic question asks for, named right after its question word: "ما اسم …",
# "ما المنصب الذي …", "بأي شرط …", "ما نوع …", "في أي مدينة …", "بأي وسيلة …". The passage that
# answers gives a name, a post, a condition ("في حال كان موقف يريفان بناء"), a city: not the word
# "name", "post" or "condition", as "What is the name of" and "On what condition" are no English
# search words. Only these nouns of kind, and only right after the question word. Not a stance or
# a role (ما موقف جورجيا من…، ما دور…): the passages of a near-topic question hold the rest of its
# words, and the stance is what they lack (three near-topic questions of my files were quoted
# without it); not a year or a day (في أي عام…): ARCD's held-out questions lost the word they
# missed (stop 40, −2); not a cause, which the answer often words (بسبب).
_KIND_NOUNS = "اسم|أسماء|اسماء|لقب|منصب|مناصب|وظيفة|صفة|شرط|شروط|نوع|أنواع|انواع|طبيعة|جنسية|وسيلة|طريقة|مكان|مدينة|بلد"
_ASKS_KIND = re.compile(r"^\W*[وف]?(?:ما|ماذا|أي|اي|أيّ|بأي|باي|في\s+أي|في\s+اي|لأي|لاي|على\s+أي|على\s+اي|"
                        r"من\s+أي|من\s+اي|إلى\s+أي|الى\s+أي|الى\s+اي)\s+(?:هو\s+|هي\s+)?(?:ال)?"
                        rf"(?P<kind>{_KIND_NOUNS})(?!\S)")


def analyse(text: str, lookup: KeyLookup | None = None, known: Callable[[str], bool] | None = None,
            frequency: Callable[[str], int] | None = None) -> Question:
    """The question's terms against an index.

    `lookup` maps cross-script keys to index tokens, `known` tells whether the index holds a
    token and `frequency` how many passages hold it (all None: no index). An Arabic word the
    index never saw in that form (اتفقوا where articles write الاتفاق) falls back to the index
    words with its consonant key.
    """
    pairs = analyze(text)
    written = {word: as_written for word, _, as_written in analyze_written(text)}
    raw = _WORDS.findall(strip_marks(text))
    has_upper = any(w[:1].isupper() for w in raw)
    # Acronyms (AFC, OSCE, NATO) are spelled letter by letter in Arabic, not transliterated.
    acronyms = {w.lower() for w in raw if len(w) > 1 and w.isupper()}
    capitalised = {w.lower() for w in raw if w[:1].isupper()} - acronyms
    # Which Latin/Cyrillic words may be names: capitalised ones, or all of them when the reader
    # typed in lower case.
    candidates: dict[str, set[str]] = {}
    spelled: dict[str, set[str]] = {}
    for word, token in pairs:
        if word.isdigit():
            continue
        if has_arabic(word):
            if frequency is not None:
                spelled[word] = _spelling_variants(word, token, frequency)
            if known is not None and not known(token) and not spelled.get(word):
                # An Arabic form no passage has reaches the forms with its key. Not its key without
                # a one-letter proclitic: short skeletons (لزاخاروفا -> srf) meet dozens of words.
                candidates[word] = name_key_variants(word)
        elif (not has_upper and word not in acronyms) or word in capitalised:
            candidates[word] = foreign_keys(word)
    found = lookup(sorted({k for keys in candidates.values() for k in keys})) if lookup and candidates else {}
    terms: dict[str, Term] = {}
    for word, token in pairs:
        if word in terms:
            continue
        matched: set[str] = set(spelled.get(word, ()))
        words_of: dict[str, set[str]] = {}  # token the key met -> the words it stems from
        for key in candidates.get(word, ()):
            for met, words in found.get(key, {}).items():
                matched.add(met)
                words_of.setdefault(met, set()).update(words)
        place = False
        if not has_arabic(word):
            matched = closest_spellings(word, matched, words_of)
            city = places.arabic_names(word) if word in candidates else ()
            # A person's name can be a town's too: David is a town of Panama, داود in Arabic, and
            # "David Zalkaliani" is written ديفيد. Unless the town is one news names bare (the
            # gazetteer: capitals and the like, whose Arabic names follow conventions of their own,
            # Brussels بروكسل, whose key meets برازيل), a word the key meets spelled closer than
            # the town's Arabic name is a name of its own, and the key's guesses stay.
            if city and (_in_gazetteer(city) or not spelled_closer(word, matched, city, words_of)):
                # A city's Arabic names, when the index holds one, replace the key's guesses
                # (the key of Yerevan meets عرفنا, "we knew").
                place = True
                matched = _held_tokens(city, known) or matched
        term = Term(word, frozenset({token} | matched), name=bool(matched) and not has_arabic(word), place=place,
                    also=frozenset({token}) if spelled.get(word) and frequency and frequency(token) else frozenset())
        if has_arabic(word):
            guessed = matched - spelled.get(word, set())
            own_forms = _with_forms(replace(term, tokens=term.tokens - guessed), token, written.get(word),
                                    known, frequency) if guessed else None
            if own_forms is not None and own_forms.weighed - {token}:
                # The consonant key guesses at a form no passage has; when the index holds other
                # forms of the word itself that weigh (its tense, its bare noun), those say what it
                # weighs: ستوقف ("will stop") weighs as توقف and وقف, not as ستقف and ستكافح, rare
                # words its key also meets. The guesses still realise it (تبادلها's key reaches the
                # dual تبادلا).
                term = replace(own_forms, tokens=own_forms.tokens | guessed,
                               also=own_forms.also | (guessed - own_forms.tokens))
            else:
                term = _with_forms(term, token, written.get(word), known, frequency)
        terms[word] = term
    _with_ordinal_days(terms, pairs, known)
    merged = _merge_phrases(list(terms.values()))
    merged = _with_duration_verbs(merged, text)
    lang = language_of(text)
    latin = [w.lower() for w in raw if not has_arabic(w) and not has_cyrillic(w) and not w.isdigit()]
    foreign = lang == "en" and sum(1 for w in latin if _not_english(w)) >= 2
    if foreign:  # French or Arabizi function words are not what the question asks about
        merged = [t for t in merged if t.word not in _FOREIGN_FUNCTION_WORDS]
    kind = _ASKS_KIND.search(strip_marks(text))
    if kind:
        # "ما اسم الوثيقة التي وقعها القادة؟" asks for a name, as "What is the name of" does
        # (English "name" is a stop word): the passage that gives it says بياناً مشتركاً, not اسم.
        asked_kind = {word for word, _ in analyze(kind.group())}  # بأي / لأي too: no stopwords of their own
        merged = [t for t in merged if t.word not in asked_kind]
    if lang != "ar":
        # "Armenian" and "Armenia" share an English stem; Arabic has two words with stems of
        # their own, أرمينيا and the adjective الأرمني / الأرمنية. An English or Russian country
        # word reaches both, as alternatives (an Arabic question keeps the form its reader chose).
        merged = [_with_adjective(t, known) for t in merged]
    asks = asks_for(text)
    return Question(text=text, language=lang, terms=tuple(merged), asks=asks,
                    unit=asked_unit(text) if asks == "number" else None, foreign=foreign)


# "كم استغرقت القمة؟", "كم يوما استمرت الهدنة؟", "كم من الوقت": the verb after كم asks how long,
# and the article words the length with any of the verbs that say it ("المفاوضات ... التي استمرت
# نحو 4 ساعات" answers "كم ساعة استغرقت القمة؟"): each of them realises the asking verb, which
# keeps its own weight. "of time" only asks. The length itself is checked as a quantity
# (bot/extract.py). English and Russian verbs (last, длилась) are words the index does not read.
_ASKING_DURATION = re.compile(rf"(?:^|\s)كم\s+(?:من\s+(الوقت|الزمن)(?:\s|$))?(?:(?:\S+\s+)?({_DURATION_VERB}))?")
_DURATION_VERBS = frozenset(token for _, token in analyze("استغرق استغرقت استمر استمرت دام دامت"))


def _with_forms(term: Term, own: str, written: str | None, known: Callable[[str], bool] | None,
                frequency: Callable[[str], int] | None) -> Term:
    """An Arabic term with the other forms of its word the index holds: tenses and persons, a verbal
    noun or its verb, attached pronouns, the accusative alif, a proclitic before three letters."""
    term = _with_verb_forms(term, own, known)
    term = _with_pronoun_forms(_with_verbal_nouns(term, own, frequency), own, frequency)
    term = _with_accusative_form(term, own, frequency)
    if written == term.word:  # الروس: a word read with its article takes no bare و
        term = _with_proclitic_forms(term, own, frequency)
    return term


def _with_duration_verbs(terms: list[Term], text: str) -> list[Term]:
    for m in _ASKING_DURATION.finditer(text):
        time_words, verb = m.groups()
        asking = {word for word, _ in analyze(time_words)} if time_words else set()
        asked = {word for word, _ in analyze(verb)} if verb else set()
        terms = [replace(t, tokens=t.tokens | _DURATION_VERBS, also=t.also | (_DURATION_VERBS - t.tokens))
                 if t.word in asked else t for t in terms if t.word not in asking]
    return terms


@lru_cache(maxsize=1)
def _ordinal_days() -> tuple[dict[int, frozenset[str]], frozenset[str]]:
    """Each day a news article says as an ordinal (1 -> الأول) -> its tokens; and the words a
    month is analysed to (يونيو, كانون الثاني's canonical form...)."""
    days: dict[int, set[str]] = {}
    for word, day in dates.ORDINAL_DAYS.items():
        days.setdefault(day, set()).update(token for _, token in analyze(word))
    months = frozenset(word for names in dates.MONTH_NAMES.values() for word, _ in analyze(names[0]))
    return {day: frozenset(tokens) for day, tokens in days.items()}, months


def _with_ordinal_days(terms: dict[str, Term], pairs: list[tuple[str, str]],
                       known: Callable[[str], bool] | None) -> None:
    """A day said by its number before a month ("on 1 June", "1 июня", "في 1 يونيو") is written
    by the news as an ordinal as often ("في الأول من حزيران/يونيو", which retrieval/dates.py reads
    as the same date): the number reaches its ordinal, weighed as the number (`also`)."""
    days, months = _ordinal_days()
    for (word, _), (after, _) in zip(pairs, pairs[1:]):
        if word.isdigit() and int(word) in days and after in months and word in terms:
            ordinal = {t for t in days[int(word)] if known is None or known(t)}
            terms[word] = _with_held(terms[word], ordinal, weighed_already=True)


def _in_gazetteer(arabic_names: tuple[str, ...]) -> bool:
    """Whether a city is one of the places news names bare (retrieval/names.py gazetteer)."""
    words = gazetteer()[0]
    return any(word in words for name in arabic_names for word, _ in analyze(name))


@lru_cache(maxsize=1)
def country_adjectives() -> dict[str, tuple[str, ...]]:
    """A country as a question term's word (ارمينيا, صين) -> its Arabic adjective forms."""
    out = {}
    for name, forms in adjective_forms(curated_lines()).items():
        words = [word for word, _ in analyze(name)]
        if len(words) == 1 and forms:
            out[words[0]] = forms
    return out


@lru_cache(maxsize=1)
def searched_adjectives() -> dict[str, tuple[str, ...]]:
    """The adjectives a country term is searched by: country_adjectives without those whose
    token is mostly another word (_stem_means_else). The checks of bot/qualifiers.py still read
    every country's adjectives."""
    out = {}
    for country, forms in country_adjectives().items():
        kept = tuple(form for form in forms if not _stem_means_else(form, country))
        if kept:
            out[country] = kept
    return out


def _stem_means_else(adjective: str, country: str) -> bool:
    """Whether the adjective's token is mostly another word. The stemmer takes an adjective of
    nationality down to bare letters (الجورجي -> جورج, the name George; المايوتي -> مايو, May):
    when that bare word is commoner in Arabic text than the adjective in all its forms, most
    passages holding the token are not about the country ("Who is the president of Georgia?"
    was quoted a passage on George Bush). التركي stays: ترك ("left") is rarer than التركي and
    التركية together (wordfreq's Arabic list)."""
    base = adjective[2:] if adjective.startswith("ال") else adjective
    own = sum(word_frequency(form, "ar") for form in (base, "ال" + base, base + "ة", "ال" + base + "ة"))
    return any(token != country and word_frequency(token, "ar") > own for _, token in analyze(adjective))


def _with_adjective(term: Term, known: Callable[[str], bool] | None) -> Term:
    forms = searched_adjectives().get(term.word)
    held = _held_tokens(forms, known) if forms else set()
    held -= term.tokens
    return replace(term, tokens=term.tokens | held, also=frozenset(held)) if held else term


# An Arabic verb in the present or future (سيعقد "will hold", يعقد, تعقد) and its past form
# (عقد، انعقد، اجتمع) share their letters after the prefix; Snowball stems each form apart, so a
# question in one tense missed the passage written in another.
_IMPERFECT = re.compile(r"^س?[يتن](\w{3,})$")


def _with_verb_forms(term: Term, own: str, known: Callable[[str], bool] | None) -> Term:
    """The other tenses and persons of an Arabic verb that the index holds, as alternatives of
    the term. They realise it in a passage; its weight stays what it was (its own token `own`,
    or the words its key reached) when the index knows that: a noun such as تقدم whose tail is
    another word, قدم, keeps what it weighs."""
    m = _IMPERFECT.match(term.word)
    if not m or known is None:
        return term
    tail = m.group(1)
    forms = [p + tail for p in ("ي", "ت", "ن", "سي", "ست")]
    if len(tail) == 3:
        forms.append(tail)  # the plain past: يعقد -> عقد
    past = _derived_past(tail)
    if past:
        forms.append(past)  # the past of derived forms: ينعقد -> انعقد, يجتمع -> اجتمع
    if len(tail) >= 4 and tail[0] == "ت":
        forms.append(tail)  # forms V and VI keep their ت in the past: يتمركز -> تمركز, يتعاون -> تعاون
    held = {token for form in forms if form != term.word for _, token in analyze(form) if known(token)}
    return _with_held(term, held, weighed_already=known(own) or term.tokens != {own})


def _derived_past(tail: str) -> str | None:
    """The past of a derived verb from its present's stem (the letters after ي، ت or ن): VII's
    ينعقد -> انعقد, X's يستقبل -> استقبل, VIII's يجتمع -> اجتمع (a ت or ط second) and يتصل ->
    اتصل (VIII of a و root); None for a plain verb's stem (يعقد)."""
    if tail[0] == "ن" or (len(tail) >= 4 and (tail[0] == "س" or tail[1] in "تط")) or \
            (len(tail) == 3 and tail[0] == "ت"):
        return "ا" + tail
    return None


def _with_held(term: Term, held: set[str], weighed_already: bool) -> Term:
    """The term with more index tokens that realise it. They weigh nothing of their own
    (`also`) when the term is weighed already (its own token is in the index, or its key reached
    words); otherwise they say what it weighs."""
    held = held - term.tokens
    if not held:
        return term
    return replace(term, tokens=term.tokens | held, also=(term.also | held) if weighed_already else term.also)


# A derived Arabic verb and its verbal noun differ by one letter: the noun has an alif before the
# verb's last letter (اتصل "called" / اتصال "a call", اجتمع / اجتماع, انسحب / انسحاب, استقبل /
# استقبال), اء for a final ى (انتهى / انتهاء), or the doubled letter written twice (احتل /
# احتلال, استمر / استمرار). A reader asks with the verb ("متى اتصل لافروف ببيراموف؟") where the
# news writes the noun ("في اتصال هاتفي"), or the other way round; the stemmer keeps both whole.
# Only forms VII, VIII and X are read (five letters or more, or VIII's four beginning ات): their
# nouns are regular and their shapes seldom another word's. IV's (أعلن / إعلان) are the shapes of an
# adjective and a plural (أوسط "middle" / أوساط "circles"), and a plain verb's nouns are not regular.
_DERIVED_PAST = re.compile(r"^ا\w{3,5}$")
_DERIVED_IMPERFECT = re.compile(r"^س?[يت](\w{3,5})$")
_VERBAL_NOUN = re.compile(r"^(ا\w{2,4})ا([^ءاوىي])$")


# Form III (شارك، يشارك) names its action مفاعلة (مشاركة، مناقشة، مساعدة، مفاوضات). Read from and
# to the present only (يشارك، تشارك، سيناقش): the past's shape is also the active participle's
# (طالب "student", سابق "former", حاكم "governor"), whose مفاعلة is another word (مطالبة، مسابقة،
# محاكمة).
_FORM_III_PRESENT = re.compile(r"^س?[يت]([^ا])ا([^ا])([^اى])$")
_FORM_III_NOUN = re.compile(r"^م([^ا])ا([^ا])([^اى])(ة|ات)$")


def _derived(verb: str) -> bool:
    return len(verb) >= 5 or verb.startswith("ات")


def _derived_verbs(word: str) -> set[str]:
    """The past forms (third person masculine) a question word may be: itself (اجتمع), without a
    feminine ت (انسحبت -> انسحب), or the past of the present or future (يجتمع، سيجتمع -> اجتمع)."""
    if len(word) > 1 and word[-2] == "ا":
        return set()  # a noun's shape (اعلام، اوساط), not a verb's
    if _DERIVED_PAST.match(word):
        forms = {word, word[:-1]} if word.endswith("ت") else {word}
        return {f for f in forms if len(f) >= 4}
    m = _DERIVED_IMPERFECT.match(word)
    past = _derived_past(m.group(1)) if m else None
    return {past} if past else set()


def _nouns_of(verb: str) -> set[str]:
    if verb[-1] in "ىي":
        return {verb[:-1] + "اء"} if len(verb) >= 5 else set()  # انتهى -> انتهاء
    # A doubled last letter is written once in the verb and twice in the noun: احتل -> احتلال,
    # استمر -> استمرار (a contracted verb has four or five letters).
    doubled = {verb + "ا" + verb[-1]} if len(verb) <= 5 else set()
    return ({verb[:-1] + "ا" + verb[-1]} | doubled) if _derived(verb) else doubled


def _verbal_forms(word: str) -> set[str]:
    """The word's other side, verb or verbal noun, as words the analyser reads: a derived verb ->
    its verbal noun (اتصل -> اتصال, انتهى -> انتهاء); a verbal noun or its plural -> the verb in the
    past and present (اتصالات -> اتصل، يتصل، تتصل). Shapes only: the index says which exist."""
    m = _FORM_III_PRESENT.match(word)
    if m:  # تشارك -> مشاركة، مشاركات
        return {"م" + m[1] + "ا" + m[2] + m[3] + ending for ending in ("ة", "ات")}
    m = _FORM_III_NOUN.match(word)
    if m:  # مفاوضات -> يفاوض، تفاوض
        return {prefix + m[1] + "ا" + m[2] + m[3] for prefix in "يت"}
    noun = word[:-2] if word.endswith("ات") and len(word) >= 7 else word  # اتصالات: calls
    m = _VERBAL_NOUN.match(noun)
    if m and (len(noun) >= 6 or noun.startswith("ات")):
        verb = m.group(1) + m.group(2)
        if verb[-1] == verb[-2]:
            verb = verb[:-1]  # احتلل -> احتل
    elif noun.startswith("ا") and noun.endswith("اء") and 6 <= len(noun) <= 7:
        verb = noun[:-2] + "ى"
    else:  # not a verbal noun: perhaps a verb
        return {n for verb in _derived_verbs(word) for n in _nouns_of(verb)} - {word}
    return {verb, "ي" + verb[1:], "ت" + verb[1:]} - {word}


def _with_verbal_nouns(term: Term, own: str, frequency: Callable[[str], int] | None) -> Term:
    """A derived verb's noun, or a verbal noun's verb, as alternatives of the term when the index
    holds them. The term weighs as its own word when the index holds that (the other side goes in
    `also`, scored at the word's own rarity); when it does not, as the other side."""
    if frequency is None or term.name or " " in term.word:
        return term
    held = {token for form in _verbal_forms(term.word) for _, token in analyze(form) if frequency(token) > 0}
    return _with_held(term, held, weighed_already=frequency(own) > 0 or term.tokens != {own})


# Letters a reader types for others at the end of a word: chat writes ه for ة (الحكومه) and ي
# for ى (مستشفي, الاوروبى for الأوروبي the other way), and outlets differ on the hamza's seat
# (مسئول / مسؤول). The stemmer reads a feminine ة or a final ى as an ending, so the two spellings
# of one word became two tokens ("الخارجيه" never met "الخارجية").
_FINAL_SWAPS = {"ه": "ة", "ة": "ه", "ي": "ى", "ى": "ي"}
_SEAT_SWAPS = {"ئ": "ؤ", "ؤ": "ئ"}


def _spelling_variants(word: str, own: str, frequency: Callable[[str], int]) -> set[str]:
    """The tokens of the word's other spellings (its last letter, a hamza's seat) when more
    passages hold them than its own spelling: the articles' spelling of the reader's word. A
    word written as the articles write it keeps its own token alone (more passages hold it)."""
    forms = set()
    if word[-1] in _FINAL_SWAPS and len(word) > 2:
        forms.add(word[:-1] + _FINAL_SWAPS[word[-1]])
    for seat, other in _SEAT_SWAPS.items():
        if seat in word:
            forms.add(word.replace(seat, other))
    mine = frequency(own)
    return {token for form in forms for _, token in analyze(form) if token != own and frequency(token) > mine}


# The pronouns Arabic attaches to a noun (مهمتها "its task", عودتهم "their return", ملكيته). The
# stemmer keeps such a word whole, so "ما هي مهمة مجموعة العمل؟" never met "مهمتها التركيز على".
# ي ("my") and ك ("your") are left out: a noun ending in ي is far more often an adjective of
# place (روسي) and the news does not speak to its reader.
_PRONOUNS = ("ه", "ها", "هم", "هما", "هن", "كم", "نا")


def _with_pronoun_forms(term: Term, own: str, frequency: Callable[[str], int] | None) -> Term:
    """The question's word with or without an attached pronoun, as the index holds it, as
    alternatives of the term.

    - Written bare, it reaches the forms with a pronoun (مهمة -> مهمتها, a feminine ة written ت
      before the pronoun); its weight stays its own (`also`).
    - Written with one, it reaches the bare word when more passages hold that than the whole
      form (تشكيلها -> تشكيل, ارتياحهما -> ارتياح, عودتهم -> عودة), and weighs as the bare word:
      "their relief" says what "relief" says. تفاهم or محاكم, whose endings only look like
      pronouns, stay whole: no passage, or fewer passages, hold تفا and محا.

    The index is not re-tokenised: every passage keeps its words, and only the question reaches
    the forms its articles use. Stop 22 stripped the pronouns from every word of the index
    instead (README "Tried"), which moved every held-out question's coverage too."""
    word = term.word
    if frequency is None or term.name or " " in word or len(word) < 3:
        return term
    added: set[str] = set()
    if word[-1] not in "اىويء":
        base = word[:-1] + "ت" if word[-1] == "ة" else word
        added |= {token for p in _PRONOUNS for _, token in analyze(base + p) if frequency(token) > 0}
    mine = frequency(own)
    # The forms never say what the term weighs. When the index does not hold the reader's word
    # (ملكية, where the article writes only ملكيته) the term weighs nothing, for or against:
    # a form of it is no evidence of where its other forms are (a question's تحد, "borders",
    # would count as missing from the passage that writes يحدها).
    also = set(added)
    for pronoun in sorted(_PRONOUNS, key=len, reverse=True):
        stem = word[: -len(pronoun)]
        if not word.endswith(pronoun) or len(stem) < 3:
            continue
        forms = [stem, stem[:-1] + "ة"] if stem.endswith("ت") else [stem]
        bare = {token for form in forms for _, token in analyze(form) if frequency(token) > mine}
        if bare - term.tokens:
            added |= bare
            if mine:
                also.add(own)  # the bare word's rarity, not the whole form's, says what it weighs
        break
    added -= term.tokens
    if not added:
        return term
    return replace(term, tokens=term.tokens | added, also=term.also | frozenset(also))


# و ف ب ل before a word of three letters: the index keeps the four letters whole, because
# normalize._strip_proclitic leaves words of four letters or fewer alone (وقف, بحث, لقاء are
# words of their own, and frequencies of such short words are close). So "ماذا صرح رودينكو؟"
# never met "وصرح نائب وزير الخارجية", nor حفظ السلام "لحفظ السلام". From the question's side the
# bare word reaches its forms with the letter when Arabic writes the bare word clearly more often
# than the four letters (wordfreq's zipf: صرح 4.59 against وصرح 3.76, حفظ 4.68 against لحفظ
# 4.17); وزير, لقاء, وحدة are commoner than زير, قاء, حدة, and جهة 5.12 against وجهة 4.80 is too
# close to read the letter off.
PROCLITIC_MARGIN = 0.4


def _with_proclitic_forms(term: Term, own: str, frequency: Callable[[str], int] | None) -> Term:
    """A three-letter Arabic word with و ف ب or ل before it, as the index holds it, as an
    alternative of the term; the term weighs as its own word when the index holds that."""
    word = term.word
    if frequency is None or term.name or len(word) != 3 or not has_arabic(word):
        return term
    # The form must stem as the word with the letter before it: بردت stems to برد ("cold"), no
    # form of ردت ("she replied").
    held = {letter + own for letter in "وفبل" if reads_as_letter_and_word(letter + word, PROCLITIC_MARGIN)
            and analyze(letter + word) == [(letter + word, letter + own)] and frequency(letter + own) > 0}
    return _with_held(term, held, weighed_already=frequency(own) > 0 or term.tokens != {own})


# The indefinite accusative writes an alif after the word (تقدماً, اجتماعاً, بياناً) and so does a
# dual past verb (أحرزا, بحثا); the stemmer keeps the alif, so "أعلن إحراز تقدم" never met "أحرزا
# تقدماً". A word ending in a vowel letter, ة or ء takes no such alif (مبادرةً, لقاءً), and a
# word ending in ي is more often an adjective of place whose ا makes a country (روسي / روسيا).
_NO_ACCUSATIVE_ALIF = "اىيوةءئؤ"


def _with_accusative_form(term: Term, own: str, frequency: Callable[[str], int] | None) -> Term:
    """The question's word with the accusative (or dual) alif after it, as the index holds it,
    as an alternative of the term; the term weighs as its own word when the index holds that."""
    # the written word's last letter too: the stemmer reads امريكي as امريك, whose alif is امريكا
    if frequency is None or term.name or len(own) < 3 or own[-1] in _NO_ACCUSATIVE_ALIF \
            or term.word[-1:] in _NO_ACCUSATIVE_ALIF or not has_arabic(own) or " " in term.word:
        return term
    form = own + "ا"
    if frequency(form) == 0:
        return term
    return _with_held(term, {form}, weighed_already=frequency(own) > 0 or term.tokens != {own})


def _held_tokens(arabic_names: tuple[str, ...], known: Callable[[str], bool] | None) -> set[str]:
    """The index tokens of these Arabic names that the index holds."""
    tokens = {token for name in arabic_names for _, token in analyze(name)}
    return {t for t in tokens if known is None or known(t)}


@lru_cache(maxsize=1)
def _phrases() -> tuple[tuple[str, ...], ...]:
    """The glossary's multi-word Arabic forms as word sequences, longest first."""
    out = set()
    for canonical in set(alias_targets()):
        words = tuple(word for word, _ in analyze(canonical))
        if len(words) > 1:
            out.add(words)
    return tuple(sorted(out, key=len, reverse=True))


def _merge_phrases(terms: list[Term]) -> list[Term]:
    """One term for one name or fixed phrase: "ناغورني قره باغ" (Nagorno-Karabakh) or "وقف إطلاق
    النار" (ceasefire) is one thing asked about, not three words that each count; a passage holding
    any of its words holds the term, by the share of the phrase's weight that word carries
    (retrieval.search.coverage): "مجموعة" alone holds little of "مجموعة مينسك", "قره باغ" nearly
    all of "ناغورني قره باغ"."""
    out, i = [], 0
    while i < len(terms):
        for phrase in _phrases():
            n = len(phrase)
            if tuple(t.word for t in terms[i:i + n]) == phrase:
                group = terms[i:i + n]
                out.append(Term(" ".join(phrase), frozenset().union(*(t.tokens for t in group)),
                                name=any(t.name for t in group), weight=max(t.weight for t in group),
                                also=frozenset().union(*(t.also for t in group)),
                                parts=tuple((t.tokens, 1.0) for t in group)))
                i += n
                break
        else:
            out.append(terms[i])
            i += 1
    return out
