"""Claim support: a sentence of an LLM answer stays only if the passages it cites hold its facts.

A citation proves that a sentence points at a passage, not that the passage says it. An LLM that
copies a passage's sentence and changes one fact (14 October -> 17 October, 3 + 3 -> 6 + 3,
Aliyev -> Putin) produces a sentence that looks verified. So every sentence is checked against
the passages it cites:

- dates compare as values across languages and forms: 14 October 2021 = 14 أكتوبر 2021 =
  14 تشرين الأول/أكتوبر 2021 = 14 октября 2021, Arabic-Indic digits included. Each component the
  sentence states (day, month, year) must be stated alike by a date of a cited passage; a year
  the passage leaves out may come from the passage's other years or its article's date;
- numbers compare as values (١٬٠٠٠ = 1,000 = 1000; a passage's "ثلاثة" holds 3); every number
  of the sentence outside its dates must be a number of a cited passage;
- names: in an Arabic sentence, every word the corpus uses as a name (retrieval/names.py,
  Index.names()), every place of the gazetteer (a country, a capital, a body: one word or a
  whole phrase) and every word a title announces in the sentence itself; in an English or
  Russian sentence, every capitalised word but the sentence's first (that one too when the corpus
  knows it as a name) and the role words (Minister, President...). An Arabic name must be in a
  cited passage (as written, as a variant of the glossary, or with the same cross-script key);
  an English or Russian one must reach a word of a cited passage by its cross-script key
  (retrieval/translit.py), by the glossary, or, for a city, by one of its Arabic names
  (retrieval/places.py: Chisinau is كيشيناو, which no key reaches).

The first fact not held is the sentence's reason for removal, shown in `talks ask --json` under
`unsupported`. The check is deliberately literal: a sentence that rounds a number or turns a date
into "two days later" is removed too, because the reader could not check it against the quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from retrieval.dates import explicit, fold
from retrieval.index import Index
from retrieval.names import announced, cued_names, gazetteer
from retrieval.normalize import LATIN_CYRILLIC_STOPWORDS, analyze, analyze_written, has_arabic, strip_marks
from retrieval.search import Hit
from retrieval.places import arabic_names as city_names
from retrieval.translit import arabic_key_variants, foreign_keys, name_words

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# Number words a passage may write where an answer writes digits (the clitics و/ب/ل/ال come off).
_NUMBER_WORDS = {
    **dict.fromkeys(("واحد", "واحدة", "one", "один", "одна", "одно"), "1"),
    **dict.fromkeys(("اثنان", "اثنين", "اثنتان", "اثنتين", "two", "два", "две"), "2"),
    **dict.fromkeys(("ثلاث", "ثلاثة", "three", "три"), "3"),
    **dict.fromkeys(("اربع", "اربعة", "four", "четыре"), "4"),
    **dict.fromkeys(("خمس", "خمسة", "five", "пять"), "5"),
    **dict.fromkeys(("ست", "ستة", "six", "шесть"), "6"),
    **dict.fromkeys(("سبع", "سبعة", "seven", "семь"), "7"),
    **dict.fromkeys(("ثمان", "ثماني", "ثمانية", "eight", "восемь"), "8"),
    **dict.fromkeys(("تسع", "تسعة", "nine", "девять"), "9"),
    **dict.fromkeys(("عشر", "عشرة", "ten", "десять"), "10"),
    **dict.fromkeys(("عشرين", "عشرون", "twenty", "двадцать"), "20"),
    **dict.fromkeys(("مئة", "مائة", "hundred", "сто"), "100"),
    **dict.fromkeys(("الف", "thousand", "тысяча"), "1000"),
}
_WORD = re.compile(r"\w+", re.UNICODE)
_CAPITALISED = re.compile(r"(?<![\w'’-])[A-ZА-ЯЁ][\w'’-]*")
# Capitalised in English and Russian news without being names: roles, bodies, kinds of document.
_ROLE_WORDS = frozenset("""
minister ministers ministry foreign affairs president presidents prime premier deputy vice spokesperson
spokeswoman spokesman secretary general chairman chair co-chair co-chairs head leader leaders ambassador envoy
state department council security republic federation national assembly parliament government office
statement declaration summit agreement treaty ceasefire group committee commission union european
special representative press service mr mrs ms dr
министр министра министры министерство мид президент президента премьер глава председатель посол
представитель заместитель пресс-секретарь официальный совет республика федерация союз группа заявление
соглашение договор саммит господин
""".split())


def _number(raw: str) -> str:
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", raw):
        raw = raw.replace(",", "")
    raw = raw.replace(",", ".")
    if raw.count(".") > 1:  # 1.000.000
        raw = raw.replace(".", "")
    if "." in raw:
        raw = raw.rstrip("0").rstrip(".")
    return raw.lstrip("0") or "0"


@dataclass(frozen=True)
class Facts:
    dates: frozenset[tuple[int | None, int, int | None]]  # (year, month, day)
    numbers: frozenset[str]  # outside the dates
    all_numbers: frozenset[str]  # every number, the dates' days and years too


@lru_cache(maxsize=4096)
def facts(text: str) -> Facts:
    folded = fold(text)
    mentions = explicit(folded)
    dates = {(m.year, m.month, m.day) for m in mentions}
    taken = [(m.start, m.end) for m in mentions]
    numbers, everything = set(), set()
    for m in _NUMBER.finditer(folded):
        value = _number(m.group())
        everything.add(value)
        if not any(start <= m.start() < end for start, end in taken):
            numbers.add(value)
    for word in _WORD.findall(folded.lower()):
        for bare in (word, word[1:] if word[:1] in "وبل" else word, word[2:] if word.startswith("ال") else word):
            if bare in _NUMBER_WORDS:
                everything.add(_NUMBER_WORDS[bare])
    return Facts(frozenset(dates), frozenset(numbers), frozenset(everything))


@dataclass
class _Passage:
    text: str
    facts: Facts
    years: frozenset[int]
    tokens: frozenset[str]
    words: frozenset[str]  # as written without clitics, also without a leading و/ف/ب/ل
    keys: frozenset[str]


class ClaimCheck:
    """Checks answer sentences against the passages they cite (one instance per answer)."""

    def __init__(self, index: Index, hits_by_key: dict[str, Hit]):
        self.index = index
        self._hits = {k.lower(): h for k, h in hits_by_key.items()}
        self._passages: dict[str, _Passage] = {}
        self._names = index.names()
        # The streaming preview re-checks every complete sentence each time a chunk arrives: a
        # sentence is checked once (150 sentences cost 134,000 checks and a minute before).
        self._reasons: dict[tuple[str, tuple[str, ...]], str | None] = {}

    def _passage(self, key: str) -> _Passage:
        if key not in self._passages:
            hit = self._hits[key]
            text = f"{hit.title}\n{hit.text}" if hit.title else hit.text
            f = facts(text)
            years = {int(n) for n in f.all_numbers if re.fullmatch(r"(?:1[89]|20)\d\d", n)}
            if re.match(r"\d{4}", hit.date or ""):
                years.add(int(hit.date[:4]))
            triples = analyze_written(text)
            # The same keys ingest records for the passage (retrieval.translit.name_words).
            keys = {key for key, _ in name_words([triples], {word for word, _ in announced(text)})}
            words = {w for w, _, _ in triples} | {w[1:] for w, _, _ in triples if w[:1] in "وفبل" and len(w) > 4}
            self._passages[key] = _Passage(text, f, frozenset(years), frozenset(t for _, t, _ in triples),
                                           frozenset(words), frozenset(keys))
        return self._passages[key]

    def reason(self, sentence: str, keys: list[str]) -> str | None:
        """Why the cited passages do not back the sentence, or None when they do."""
        key = (sentence, tuple(k.lower() for k in keys))
        if key not in self._reasons:
            self._reasons[key] = self._reason(sentence, keys)
        return self._reasons[key]

    def _reason(self, sentence: str, keys: list[str]) -> str | None:
        passages = [self._passage(k.lower()) for k in keys if k.lower() in self._hits]
        if not passages:
            return None  # nothing to check against (the caller drops uncited sentences itself)
        claimed = facts(sentence)
        for date in sorted(claimed.dates, key=str):
            if not any(_holds_date(p, date) for p in passages):
                return f"date not in the cited passage: {_show_date(date)}"
        for number in sorted(claimed.numbers):
            if not any(number in p.facts.all_numbers for p in passages):
                return f"number not in the cited passage: {number}"
        for name in self._names_in(sentence):
            if not any(self._holds_name(p, name) for p in passages):
                return f"name not in the cited passage: {name}"
        return None

    def _names_in(self, sentence: str) -> list[str]:
        names: list[str] = []
        if has_arabic(sentence):
            cued = set(cued_names(sentence))
            places, phrases = gazetteer()
            analysed = analyze(sentence)
            # A proclitic the analyser keeps (وكازاخستان، بطشقند) comes off for the lookup.
            bare = [w[1:] if w[:1] in "وفبل" and len(w) > 4 and w[1:] in places else w for w, _ in analysed]
            for (word, token), plain in zip(analysed, bare):
                if token in self._names or plain in places or word in cued:
                    name = plain if plain in places else word
                    if name not in names:
                        names.append(name)
            tokens = bare
            for phrase in phrases:  # الأمم المتحدة: a name only as a whole
                for i in range(len(tokens) - len(phrase) + 1):
                    if tuple(tokens[i:i + len(phrase)]) == phrase:
                        words = " ".join(w for w, _ in analysed[i:i + len(phrase)])
                        if words not in names:
                            names.append(words)
        text = strip_marks(sentence)
        first = True
        for m in _CAPITALISED.finditer(text):
            word = re.sub(r"['’]s$", "", m.group())
            initial = first and not text[: m.start()].strip(" \"«“(")
            first = False
            for part in word.split("-"):
                low = part.lower()
                if len(part) < 3 or low in _ROLE_WORDS or low in _STOPWORDS:
                    continue
                if initial and not self._known(part):
                    continue  # "Earlier, ..." — the first word is capitalised anyway
                if part not in names:
                    names.append(part)
        return names

    def _known(self, word: str) -> bool:
        keys = foreign_keys(word)
        return bool(keys and any(self.index.name_tokens(sorted(keys)).values()))

    def _holds_name(self, passage: _Passage, name: str) -> bool:
        if has_arabic(name):
            analysed = analyze(name)
            return ({w for w, _ in analysed} <= passage.words or {t for _, t in analysed} <= passage.tokens
                    or (" " not in name and bool(arabic_key_variants(name) & passage.keys)))
        if name.lower() in passage.text.lower():
            return True
        glossary = {t for w, t in analyze(name) if has_arabic(t)}  # Karabakh -> قره باغ
        if glossary:
            return bool(glossary & passage.tokens)
        city = {t for arabic in city_names(name.lower()) for _, t in analyze(arabic)}  # Chisinau -> كيشيناو
        if city & passage.tokens:
            return True
        return bool(foreign_keys(name) & passage.keys)


def _holds_date(passage: _Passage, date: tuple[int | None, int, int | None]) -> bool:
    year, month, day = date
    for y, m, d in passage.facts.dates:
        if m != month or (day is not None and d != day):
            continue
        if year is None or y == year or (y is None and year in passage.years):
            return True
    return False


def _show_date(date: tuple[int | None, int, int | None]) -> str:
    year, month, day = date
    return "-".join(str(x) if i == 0 else f"{x:02d}" for i, x in enumerate((year, month, day)) if x is not None) \
        if year else f"--{month:02d}" + (f"-{day:02d}" if day else "")


_STOPWORDS = LATIN_CYRILLIC_STOPWORDS | {"but", "however", "meanwhile", "earlier", "later", "both", "all", "then",
                                        "yet", "thus", "so"}
