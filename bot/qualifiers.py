"""The countries, places and people a question is about must be the ones the quoted passages speak of.

Three checks the offline decision reads as "the articles do not answer" (bot/decision.py):
`contrast` (below), `unnamed_place` (the country or well-known place the question names, in
any of the three languages, that none of the passages to be quoted names at all) and `apart`
(the people and places an English or Russian question names together, which no sentence or two
of the passages to be quoted names together).

A country that qualifies a word of the question must qualify that word in the passages too.

In a corpus about Russia, Armenia and Azerbaijan every passage names the three countries, so a
question that asks about one of them in particular looks answered by any of them: "من هو رئيس
وزراء أذربيجان؟" holds رئيس, وزراء and أذربيجان, and a passage about "رئيس الوزراء الأرمني
نيكول باشينيان" that mentions أذربيجان two lines further holds them all. What tells the two apart
is the word the country is tied to. Arabic ties a country to the word before it, by construct or
by adjective (رئيس وزراء أذربيجان، رئيس الوزراء الأذربيجاني، عاصمة جورجيا), so:

- the question ties a country to an office or a kind of place (a title, role or place word of
  retrieval/names.py, or the word completing one: وزير الخارجية) when the country directly
  follows it, and no name follows the country (then the name says who is meant);
- a passage holds the tie when, among its content words, the same word is followed by the
  country (its name or its adjective of nationality), alone, in a list (وزيرا خارجية أرمينيا
  وأذربيجان holds both ties) or in its official name (رئيس وزراء جمهورية أرمينيا), or when the
  office follows the country after a comma, a second title of one person (نائب رئيس وزراء
  جورجيا، وزير الخارجية ديفيد زلكالياني holds وزير الخارجية of Georgia);
- when no passage and no part of the quoted articles holds the tie, but a passage about to be
  quoted ties that word to another country, the passages speak of someone else's prime
  minister: a contrast, which the offline decision reads as "the articles do not answer";
- a deputy's title before the office makes it another office: "نائب رئيس وزراء جورجيا" holds
  neither "رئيس وزراء جورجيا" nor, asked the other way, the deputy's tie for the minister himself;
  a passage naming only the deputy of the asked office is a contrast too.

Relations (موقف الصين، جنوب لبنان) are left out: the passage that answers may word them otherwise.
The countries are every country of the glossary and of countryinfo, with their adjectives formed
by rule (retrieval/countries.py), so an article added tomorrow about Georgia's prime minister is
read the same way. An English or Russian question's ties are read on the words the glossary
rewrites into Arabic, in the question's own order (`ties_across`: "the Turkish foreign minister",
"министр иностранных дел Турции"); an office the glossary does not know (ambassador) is not
read, and with an LLM the LLM reads the question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable, Sequence

from wordfreq import zipf_frequency

from retrieval import places
from retrieval.chunking import sentence_spans
from retrieval.countries import capital_lines
from retrieval.names import cue_tokens, gazetteer
from retrieval.normalize import (analyze, has_arabic, has_cyrillic, language_of, normalize, rewritten_words,
                                 sentence_tokens, strip_marks)
from retrieval.question import Term, country_adjectives, meets, tokens_needed

_WORD = re.compile(r"\w+", re.UNICODE)
# The words an official name of a state opens with (جمهورية أرمينيا، الاتحاد الروسي، المملكة
# العربية السعودية): between a word and its country they change nothing.
_STATE_WORDS = frozenset(token for _, token in analyze("جمهورية دولة مملكة اتحاد إمارة سلطنة"))


@dataclass(frozen=True)
class Tie:
    word: str  # the qualified word as the question writes it (وزراء)
    token: str  # its index token
    country: str  # the country as the question writes it (أذربيجان)
    country_tokens: frozenset[str]  # the country's name and adjective tokens
    deputy: bool = False  # the question asks for the office's deputy (نائب رئيس الوزراء)


@dataclass(frozen=True)
class Contrast:
    tie: Tie
    other: str  # the other country's word in the passage (الأرمني), or the deputy's title

    def describe(self) -> str:
        if self.other == DEPUTY:  # the same country's office, one rank apart
            asked, found = ("", f"{DEPUTY} ") if not self.tie.deputy else (f"{DEPUTY} ", "")
            return f"«{asked}… {self.tie.word} {self.tie.country}» → «{found}… {self.tie.word} {self.tie.country}»"
        return f"«{self.tie.word} {self.tie.country}» → «{self.tie.word} {self.other}»"


# A deputy holds another office than the one his title completes: "نائب رئيس وزراء جورجيا" is
# not Georgia's prime minister.
DEPUTY = "نائب"
_DEPUTY_TOKENS = frozenset(token for _, token in analyze("نائب نائبة"))
# "Affairs" completes an office without changing it: "نائب وزير الشؤون الخارجية الصيني" is the
# deputy foreign minister, written as "نائب وزير الخارجية" elsewhere.
_AFFAIRS = frozenset(token for _, token in analyze("الشؤون"))


@lru_cache(maxsize=1)
def country_tokens() -> dict[str, frozenset[str]]:
    """Each index token of a country's one-word name or adjective -> all the tokens of that country."""
    groups: list[frozenset[str]] = []
    for name, forms in country_adjectives().items():  # the countries the questions read too
        groups.append(frozenset(token for text in (name, *forms) for _, token in analyze(text)))
    out: dict[str, frozenset[str]] = {}
    for group in groups:
        for token in group:
            # A token two countries share (rare) stands for both: never a contrast between them.
            out[token] = out[token] | group if token in out else group
    return out


@lru_cache(maxsize=1)
def country_words() -> dict[str, frozenset[str]]:
    """A country's name or adjective as a question writes it (without ال; the adjective also
    feminine or plural: صينية، الأرمنيين) -> the index tokens of that country. Matched on the
    written word, not its stem: the stems of لبنان, مالي and عمان are لبن ("milk"), مال
    ("money") and عم, and a question's بني ("built") stems like بنين (Benin)."""
    countries = country_tokens()
    out: dict[str, frozenset[str]] = {}
    for name, forms in country_adjectives().items():
        written = [word for text in (name, *forms) for word, _ in analyze(text)]
        tokens = frozenset(token for text in (name, *forms) for _, token in analyze(text))
        group = frozenset().union(*(countries.get(t, frozenset()) for t in tokens)) | tokens
        common = _frequency(name)
        for word in written:
            for ending in ("", "ة", "ين", "ون") if word.endswith("ي") else ("",):
                if not _ordinary(word + ending, common):
                    out[word + ending] = out.get(word + ending, frozenset()) | group
    return out


def _frequency(word: str) -> float:
    return max(zipf_frequency(word, "ar"), zipf_frequency("ال" + word, "ar"))


def _ordinary(word: str, country: float) -> bool:
    """A nisba of an ordinary word more common than the country: مالية is "financial" (مال,
    money) far more often than Malian, بنين "sons" more often than Benin."""
    for ending in ("ية", "ين", "ون", "ي"):
        if word.endswith(ending) and len(word) - len(ending) >= 2:
            return _frequency(word[: -len(ending)]) > country
    return False


def _named_place(term: Term) -> set[str]:
    """When the term is a place of the gazetteer (the capitals and the places news names bare:
    فيينا، أستانا، شوشا), the index tokens that name it; otherwise an empty set. An English or Russian city is read
    through its Arabic names (places.py); only gazetteer places count, because a city's name is
    too often a person's or a word's too (Martin, Victoria, and "Name" is a town)."""
    words = gazetteer()[0]
    if term.place:
        forms = places.arabic_names(term.word)
        if any(word in words for form in forms for word, _ in analyze(form)):
            return set(term.tokens) | {token for form in forms for _, token in analyze(form)}
    elif " " not in term.word and term.word in words:
        return set(term.tokens)
    return set()


def _skeleton(token: str) -> str:
    """A long name with the long vowels inside it out: news spells الدنمارك and الدانمرك,
    أمريكا and أميركا. The first and last letters stay, and names of five letters or fewer are
    left as they are: with their vowels out, روس, صين and تركيا meet other words (تركوا "they
    left"). Narrower than the cross-script key (translit.py), which is made to meet a name
    across scripts and so merges letter classes and drops every vowel: تركيا and تركوا share
    the key trk."""
    return "#" + token[0] + re.sub("[اوي]", "", token[1:-1]) + token[-1] if len(token) >= 6 else token


@lru_cache(maxsize=1)
def capital_tokens() -> dict[str, frozenset[str]]:
    """Each index token of a country's name or adjective -> the tokens of its capital's Arabic
    names (روس -> موسكو): news says "Moscow" for Russia's government as often as "Russia"."""
    countries = country_tokens()
    out: dict[str, frozenset[str]] = {}
    for name, forms in capital_lines().items():
        # A stem of two letters (بكين -> بك) would stand for many words, not the city.
        capital = frozenset(token for text in forms for _, token in analyze(text) if len(token) > 2)
        words = analyze(name)
        if len(words) != 1:  # جنوب أفريقيا: its first word is no country
            continue
        for _, token in words:
            for member in countries.get(token, frozenset({token})):
                out[member] = out.get(member, frozenset()) | capital
    return out


@lru_cache(maxsize=1)
def capital_of() -> dict[str, frozenset[str]]:
    """The reverse of capital_tokens: each token of a capital's Arabic names -> the tokens of its
    country's name and adjectives (يريفان -> أرمينيا، الأرميني، الأرمني)."""
    out: dict[str, frozenset[str]] = {}
    for country, capital in capital_tokens().items():
        for token in capital:
            out[token] = out.get(token, frozenset()) | country_tokens().get(country, frozenset({country}))
    return out


def ties(question: str, names: frozenset[str] = frozenset()) -> list[Tie]:
    """The words of the question a country directly follows (no word between them but the one
    opening its official name).

    `names`: index tokens the corpus uses as names. A tie followed by a name is the name's title
    ("الوزير الأرمني زوهراب مناتساكانيان"): the name, not the country, says who is meant. A name
    the corpus spells otherwise (زهراب) is still told by grammar: a word after the country that
    is not a stopword and has no article is not an adjective of the tie (those take ال).
    """
    countries = country_tokens()
    words = _WORD.findall(strip_marks(question))
    read = [analyze(word) for word in words]  # [] for a stopword
    out: list[Tie] = []
    for i in range(1, len(words)):
        # A word that opens the country's official name stands between them as in the passages
        # (رئيس جمهورية أرمينيا: the president, whom رئيس وزراء جمهورية أرمينيا is not).
        h = i - 2 if i >= 2 and len(read[i - 1]) == 1 and read[i - 1][0][1] in _STATE_WORDS else i - 1
        mine, head = read[i], read[h]
        if len(mine) != 1 or len(head) != 1 or mine[0][1] not in countries or not _office(read, h):
            continue
        if h < i - 1 and head[0][1] not in cue_tokens():
            continue  # past the state's word, only a title itself (not تتكون after محافظة)
        after = read[i + 1] if i + 1 < len(words) else []
        if after and (after[0][1] in names or not words[i + 1].startswith("ال")):
            continue
        deputy = _deputy([r[0][1] for r in read[max(0, h - 3):h] if len(r) == 1])
        out.append(Tie(head[0][0], head[0][1], mine[0][0], countries[mine[0][1]], deputy))
    return out


# An English or Russian deputy's title, which the glossary leaves as written.
_DEPUTY_WORDS = re.compile(r"^(deputy|vice|замест\w*|замминистр\w*)$")


def named_countries(terms: Iterable[Term]) -> frozenset[str]:
    """The tokens of every country a question's terms name (its name or its adjective)."""
    countries = country_tokens()
    return frozenset().union(*(countries[token] for term in terms for token in term.tokens if token in countries))


def ties_across(question: str) -> list[Tie]:
    """An English or Russian question's office and the country that qualifies it, read on the
    glossary's Arabic words in the question's own order: the country before the office ("the
    Turkish foreign minister", "Armenia's prime minister", "турецкий министр иностранных дел")
    or after it, with "of" in English or in the genitive in Russian ("the foreign minister of
    Turkey", "министр иностранных дел Турции"). A preposition between them is no tie ("the
    foreign minister said in Turkey", "в Турции"), nor is an office followed by a name (the name
    says who is meant)."""
    words = rewritten_words(question)
    named = {w.lower() for w in _WORD.findall(question) if w[:1].isupper()}
    read = [analyze(w) if has_arabic(w) else [] for w in words]  # the glossary's words only
    countries = country_tokens()
    english = language_of(question) == "en"
    out: list[Tie] = []

    def office_run(start: int) -> int:  # the end (exclusive) of the glossary words from start
        end = start
        while end < len(words) and len(read[end]) == 1 and read[end][0][1] not in countries:
            end += 1
        return end

    def tie(head: int, start: int, country: int) -> Tie:
        deputy = any(_DEPUTY_WORDS.match(w) for w in words[max(0, start - 2):start])
        word, token = read[head][0]
        return Tie(word, token, read[country][0][0], countries[read[country][0][1]], deputy)

    for i, r in enumerate(read):
        if len(r) != 1 or r[0][1] not in countries:
            continue
        start = i + 2 if i + 1 < len(words) and words[i + 1] == "s" else i + 1  # Armenia's
        if start < len(words) and _DEPUTY_WORDS.match(words[start]):
            start += 1  # the Russian deputy foreign minister
        # the office is the longest run of glossary words that ends on one ("وزير الخارجية", not
        # "وزير الخارجية بحث" of "the Armenian foreign minister discuss")
        head = next((k for k in range(office_run(start) - 1, start - 1, -1) if _office(read, k)), None)
        if head is not None:
            if not (head + 1 < len(words) and words[head + 1] in named):
                out.append(tie(head, start, i))
            continue
        h = i - 1
        if h >= 0 and words[h] == "of":
            h -= 1
        elif english:
            continue  # "the minister ... Turkey" without "of": no tie
        if h >= 0 and read[h] and _office(read, h):
            first = h
            while first > 0 and len(read[first - 1]) == 1 and read[first - 1][0][1] not in countries:
                first -= 1
            out.append(tie(h, first, i))
    return out


def _deputy(before: Sequence[str]) -> bool:
    """Whether the office's words are preceded by a deputy's title (the two tokens before the
    word the country follows, "affairs" passed over: نائب [رئيس] وزراء، نائب [وزير] الخارجية،
    نائب [وزير] [الشؤون] الخارجية). `before`: up to three tokens before that word."""
    return any(token in _DEPUTY_TOKENS for token in [t for t in before if t not in _AFFAIRS][-2:])


def _office(read: list[list[tuple[str, str]]], i: int) -> bool:
    """Whether the i-th word names an office or a kind of place: a title or role (رئيس، وزراء،
    سفير، العاصمة), or the word completing one (وزير الخارجية، وزير الدفاع). Only these: a
    relation such as جنوب لبنان or موقف الصين may be said otherwise in the passage that answers."""
    cues = cue_tokens()
    token = read[i][0][1]
    if token in country_tokens() or token in _STATE_WORDS:
        return False  # روسيا وأذربيجان, دولة العراق: nothing is singled out
    before = i - 1
    if before > 0 and len(read[before]) == 1 and read[before][0][1] in _AFFAIRS:
        before -= 1  # وزير [الشؤون] الخارجية
    return token in cues or (before >= 0 and len(read[before]) == 1 and read[before][0][1] in cues)


@lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple[str, ...]:
    """A passage's content tokens in order (stopwords out, so "رئيس وزراء في أذربيجان" still ties)."""
    return tuple(token for _, token in analyze(text))


def _run(tokens: Sequence[str], start: int, countries: dict[str, frozenset[str]]) -> set[str]:
    """The country tokens in a row from `start` (a list: أرمينيا وأذربيجان), at most three; a
    word that opens a country's official name is passed over (جمهورية أرمينيا، الاتحاد الروسي)."""
    found: set[str] = set()
    j = start
    while j < len(tokens) and j < start + 4 and (tokens[j] in countries or tokens[j] in _STATE_WORDS):
        if tokens[j] in countries:
            found.add(tokens[j])
        j += 1
    return found


def _followers(tokens: Sequence[str], head: str, countries: dict[str, frozenset[str]]) -> list[tuple[frozenset[str], bool]]:
    """For each place the head word stands, the countries that follow it, and whether a deputy's
    title precedes it."""
    return [(frozenset(_run(tokens, i + 1, countries)), _deputy(tokens[max(0, i - 3):i]))
            for i, token in enumerate(tokens) if token == head]


def contrast(question_ties: Sequence[Tie], passages: Sequence[str], quoted: int,
             more: Callable[[], Iterable[str]] = tuple, named: frozenset[str] = frozenset()) -> Contrast | None:
    """A tie of the question that no passage holds while one of the first `quoted` passages ties
    the same word to another country; None when every tie is held or nothing contradicts it.

    `named`: the country tokens the question names anywhere. A country the question names is not
    "another" country: "the Azerbaijani and Turkish presidents" asks about both, and a passage
    tying the office to Azerbaijan speaks of one of them.

    `more`: further texts that may hold the tie, read only when a contrast is found (the rest of
    the quoted articles: "وزير الخارجية الجورجي" may be in the article's first paragraph while
    the quoted one names him only by name, next to "وزارة الخارجية الروسية").
    """
    countries = country_tokens()
    for tie in question_ties:
        other = None
        held = False
        for rank, text in enumerate(passages):
            for found, deputy in _followers(_tokens(text), tie.token, countries):
                if found & tie.country_tokens and deputy == tie.deputy or _in_apposition(text, tie):
                    held = True
                elif found & tie.country_tokens and rank < quoted and other is None:
                    other = DEPUTY  # the same country's deputy, or the office itself when the deputy is asked
                elif found and rank < quoted and other is None and not found <= named:
                    other = _written(text, tie.token, found)
            if held:
                break
        if held or other is None:
            continue
        if any(_in_apposition(text, tie) or any(found & tie.country_tokens and deputy == tie.deputy
                                                for found, deputy in _followers(_tokens(text), tie.token, countries))
               for text in more()):
            continue
        return Contrast(tie, other)
    return None


# "من هو قائد…", "ما اسم سفير…": an Arabic question asking for whoever holds a role, or for the
# name of a kind of place (also read by bot/holder.py); the word after it is the role.
WHO_IS_AR = r"^\W*[وف]?(?:من\s+(?:هو|هي|هم|هما|كان|كانت)|ما\s+(?:(?:هو|هي)\s+)?[اإ]سم)\s+"
_ROLE_ASKED = re.compile(WHO_IS_AR + r"(\w+)")


def asked_role(question: str) -> tuple[str, str] | None:
    """The title, role or kind of place an Arabic question asks the name of (its word and index
    token), when the word after "من هو" or "ما اسم" is one of the cues that announce a name
    (retrieval/names.py: قائد، سفير، المتحدث، العاصمة); None otherwise."""
    m = _ROLE_ASKED.match(strip_marks(question))
    read = analyze(m[1]) if m else []
    if len(read) == 1 and read[0][1] in cue_tokens():
        return read[0]
    return None


def unheld(question_ties: Sequence[Tie], texts: Callable[[], Iterable[str]], terms: Iterable[Term] = (),
           role: tuple[str, str] | None = None) -> str:
    """The first tie of the question whose office or title word none of `texts` holds at all
    ("سفير أرمينيا" against articles that name no ambassador), as the question writes it; "".

    `texts`: the articles to be quoted, whole, titles too. A passage that names no ambassador
    cannot say who Armenia's ambassador is, whatever else of the question it holds; a tie whose
    word the articles hold tied to another country is `contrast`'s case.

    `terms`: the question's search terms, whose forms also count (الخارجيه, as chats write it, is
    read as خارجية, the word the articles hold).

    `role`: the role the question asks the name of (asked_role), tied to a country or not: "ما اسم
    قائد قوات حفظ السلام؟" is not answered by articles that name no commander.
    """
    if not question_ties and not role:
        return ""
    held = {token for text in texts() for token in _tokens(text)}
    terms = tuple(terms)

    def read(token: str) -> set[str]:  # the token and the other forms of its question term
        # A phrase's tokens are its words, not forms of one another: وزير is not دفاع.
        return {token}.union(*(term.tokens for term in terms if token in term.tokens and " " not in term.word))

    for tie in question_ties:
        if not read(tie.token) & held:
            return f"{tie.word} {tie.country}"
    if role and not read(role[1]) & held:
        return role[0]
    return ""


_APPOSITION = re.compile(r"(\w+)\s*[،,]\s*(?=(\w+(?:\s+\w+){0,2}))")  # lookahead: lists of titles overlap


def _in_apposition(text: str, tie: Tie) -> bool:
    """The office after its country and a comma, as a second title of one person: "نائب رئيس
    وزراء جورجيا، وزير الخارجية ديفيد زلكالياني" holds وزير الخارجية of Georgia."""
    if "،" not in text and "," not in text:
        return False
    for m in _APPOSITION.finditer(strip_marks(text)):
        country = analyze(m[1])
        if not country or country[0][1] not in tie.country_tokens:
            continue
        if tie.token in {token for _, token in analyze(m[2])}:
            return True
    return False


def _written(text: str, head: str, found: frozenset[str]) -> str:
    """The other country's word as the passage writes it, for the reason shown to the reader."""
    pairs = analyze(text)
    for i, (_, token) in enumerate(pairs[:-1]):
        if token == head and pairs[i + 1][1] in found:
            return pairs[i + 1][0]
    return sorted(found)[0]


def unnamed_place(terms: Iterable[Term], passages: Sequence[str]) -> str:
    """A country or a well-known place the question names that none of the passages to be
    quoted names: the question's word, or "".

    "What did the Iranian foreign minister say about the ceasefire?" holds وزير الخارجية and وقف
    إطلاق النار in a passage about the Armenian and Azerbaijani ministers, and "ما هو موقف الصين
    من النزاع؟" holds النزاع in every passage about Karabakh: the country is the word that says
    whose statement or position is asked, and a quotation that never names it answers for
    someone else. The passages themselves are read, not their whole articles: an article about
    Lavrov and Bayramov that names Iran in another paragraph (the 3+3 format) does not make its
    quoted paragraph Iran's words. Their articles' titles are read (the caller passes them): a
    title says what the whole article is about ("... في مينسك"), another paragraph does not.

    A country is named by its name, its adjective of nationality or its capital ("Baku said",
    "العاصمة المولدافية كيشيناو"), and a long name spelt several ways (الدنمارك، الدانمرك) is
    compared without its long vowels. A place is one of the gazetteer's (the capitals, and places
    news names bare: "When did the Astana talks on Karabakh begin?"), named as the gazetteer or
    GeoNames writes it, and a capital also by its country ("What did Yerevan say?" against "أعلنت
    الحكومة الأرمنية"); other cities are not read so (see _named_place).
    """
    asked = _asked_places(terms)
    if not asked:
        return ""
    held = set().union(*(_tokens(text) for text in passages))
    held |= {_skeleton(t) for t in held}
    return next((word for word, group in asked if not group & held), "")


def _asked_places(terms: Iterable[Term]) -> list[tuple[str, set[str]]]:
    """The countries and well-known places a question names (unnamed_place): (its word, the tokens
    that name it, their skeletons too)."""
    capitals, words = capital_tokens(), country_words()
    asked = []
    for term in terms:
        if term.weight < 1.0:  # borrowed by a follow-up from the question before
            continue
        group: set[str] = set()
        for word in term.word.split():
            group |= words.get(word, frozenset())
        for token in term.tokens if group else ():
            group |= capitals.get(token, frozenset())
        if not group:
            group = _named_place(term)
            # A capital stands for its government ("What did Yerevan say?"): its country counts.
            for token in set(group):
                group |= capital_of().get(token, frozenset())
        if group:
            asked.append((term.word, group | {_skeleton(t) for t in group}))
    return asked


def place_apart(terms: Sequence[Term], passages: Sequence[tuple[str, str]], idf: Callable[[str], float]) -> str:
    """A country or place the question names that the quoted passages name, but none of those
    about the rest of the question: "place / its words", or "".

    "ما موقف واشنطن من ترشيح هونغ هسيو تشو؟" finds the Kuomintang's candidate in a passage that
    gives Beijing's view, and Washington in another story quoted beside it: unnamed_place reads the
    passages together and lets it through. A passage is about the rest of the question when it
    holds as much of the question's other words (weighed by the index's idf) as the passage quoted
    first, or half as much as the passage holding most (a rare verb, "ستجرى", may weigh more in
    another story than the names in the first); one of them, its article's title read with it,
    must name the place. `passages`: (text, title) of each passage to be quoted, in their order."""
    asked = _asked_places(terms)
    if not asked:
        return ""
    named = {token for _, group in asked for token in group}
    others = [(t, max((idf(token) for token in t.weighed), default=0.0)) for t in terms
              if t.weight >= 1.0 and tokens_needed(t) and not set(t.tokens) & named]
    if not others:
        return ""
    read = [frozenset(_tokens(text) + (_tokens(title) if title else ())) for text, title in passages]
    share = [sum(w for t, w in others if meets(tokens, tokens_needed(t))) for tokens in read]
    if not share:
        return ""
    enough = min(share[0], max(share) / 2)
    about = set().union(*(tokens for tokens, held in zip(read, share) if held >= enough))
    about |= {_skeleton(t) for t in about}
    missing = next((word for word, group in asked if not group & about), "")
    return f"{missing} / {', '.join(t.word for t, _ in others)}" if missing else ""


# How common (wordfreq's zipf) an English or Russian word is when it is an ordinary word rather
# than a name: award 4.9, royal 4.9, society 5.2; Moscow 4.4, Grammy 3.7, Lavrov 2.7, Peskov 1.9.
ORDINARY = 4.5


def asked_people(terms: Iterable[Term], names: frozenset[str], language: str) -> list[tuple[str, set[str]]]:
    """The people a question names, read as its language allows: (its word, the index tokens
    that name them). Places aside: "ماذا أكدت يريفان" asks what a government said, and the
    articles word that as its ministry or its adjective ("الحكومة الأرمنية")."""
    read = _asked_arabic_names if language == "ar" else _asked_names
    return [(word, group) for word, group, place in read(terms, names) if not place]


def _asked_names(terms: Iterable[Term], names: frozenset[str]) -> list[tuple[str, set[str], bool]]:
    """The people and places an English or Russian question names: (its word, the index tokens
    that name it, whether it is a place)."""
    asked = []
    for term in terms:
        if term.weight < 1.0 or not (term.name or term.place):
            continue
        # A capitalised ordinary word ("Grammy Award": award meets اورد by its cross-script key)
        # is no name: a word common in its own language counts only by the spellings the corpus
        # announces as names (names.py; "Путин" is common in Russian, بوتين is announced).
        group = set(term.tokens)
        if not term.place and zipf_frequency(term.word, "ru" if has_cyrillic(term.word) else "en") >= ORDINARY:
            group &= names
        place = _named_place(term)
        group |= place
        if group:
            asked.append((term.word, group, bool(place)))
    return asked


def _asked_arabic_names(terms: Iterable[Term], names: frozenset[str]) -> list[tuple[str, set[str], bool]]:
    """As _asked_names, for an Arabic question: its places are the gazetteer's, its people the
    words the corpus uses as names (the name table), countries aside."""
    asked = []
    for term in terms:
        place = _named_place(term)
        if term.weight >= 1.0 and term.word not in country_words() and (place or term.tokens & names):
            asked.append((term.word, set(term.tokens) | place, bool(place)))
    return asked


def apart(terms: Iterable[Term], passages: Sequence[str], names: frozenset[str], window: int = 2,
          within: Sequence[str] | None = None, text: str = "") -> str:
    """The names an English or Russian question asks about together that the passages to be
    quoted hold only apart: "lavrov / erdogan", or "".

    "When did Lavrov meet Erdogan?" finds both names in one passage (Lavrov's call with Bayramov,
    which recalls Erdogan's initiative with Aliyev), and "What did Peskov say about the Chisinau
    summit?" finds Peskov two sentences after the one announcing the summit: every readable word
    is held, and a quotation would answer about something else. When a question names two or
    more people or places (not countries: every passage of this corpus names Russia, Armenia and
    Azerbaijan, and a country's statement is worded by its ministry or its adjective), `window`
    sentences in a row of one passage must hold two of those the passages hold: one sentence, or
    two, since news names who speaks in one and reports what was said in the next ("وأضاف...").
    A capital is held by its country too ("What did Baku's foreign ministry say about the call
    between Bayramov and Lavrov?" against "ذكرت وزارة الخارجية الأذربيجانية أن جيهون بيراموف
    وسيرغي لافروف").

    `within`: the texts where they must be together, when not the passages themselves (the
    passages that speak of the time the question asks about: "What did Lavrov and Mirzoyan
    discuss in November 2021?" names two men who met in October, and a call of November with
    another).

    Only English and Russian names are read: they are capitalised, so the question says which of
    its words are names. An Arabic question's names are told by the index's name table, whose
    stems also meet verbs and countries (ناقش, بوت for Bhutan), too loosely to refuse on.

    `text`: the question, whose names written one after another are one person's (one_person).
    """
    asked = []
    for word, group, _ in _asked_names(terms, names):
        for token in set(group):
            group |= capital_of().get(token, frozenset())
        asked.append((word, frozenset(group)))
    asked = one_person(text, asked)
    if len(asked) < 2:
        return ""
    # The decision and the quote picker read the same sentences: their tokens are cached.
    read = [[sentence_tokens(text[start:end]) for start, end in sentence_spans(text)] for text in passages]
    everywhere = set().union(*(s for sentences in read for s in sentences))
    held = [(word, group) for word, group in asked if group & everywhere]
    if len(held) < 2:
        return ""
    # Two of them together are enough: "What did Pashinyan and Aliyev say two days before
    # Lavrov's separate talks?" dates one sentence by another's event.
    if within is not None:
        read = [[sentence_tokens(text[start:end]) for start, end in sentence_spans(text)] for text in within]
    for sentences in read:
        for i in range(len(sentences)):
            tokens = frozenset().union(*sentences[i:i + window])
            if sum(1 for _, group in held if group & tokens) >= 2:
                return ""
    return " / ".join(word for word, _ in held)


def one_person(text: str, asked: list[tuple[str, frozenset[str]]]) -> list[tuple[str, frozenset[str]]]:
    """The names a question asks about, those it writes one after another taken as one person's
    ("Какую должность занимает Али Акбар Салехи?", "John Kerry"), held where any of their words is:
    a passage names صالحي, and "Akbar" meets أكبر ("greater") nowhere beside him."""
    words = [word.lower() for word in _WORD.findall(text)]
    following = {(a, b) for a, b in zip(words, words[1:])}
    people: list[tuple[str, frozenset[str]]] = []
    for word, group in asked:
        if people and (people[-1][0].split()[-1], word) in following:
            people[-1] = (f"{people[-1][0]} {word}", people[-1][1] | group)
        else:
            people.append((word, group))
    return people


# A place asked as where something happened: after "in", "visit", "went to", "в", "посетил" ("When
# did Putin visit Baku?", "Когда Байрамов посетил Ереван?"), not as its government ("Baku's
# foreign ministry", "Баку заявил", "What did Lavrov propose to Baku?": a bare "to" is as often
# whom something was said or sent to).
_WHERE_ASKED = re.compile(r"(?<!\w)(?:in|at|into|visit(?:s|ed|ing)?|(?:go|goes|going|went|gone|come|comes|came|"
                          r"travel\w*|flew|fly|flies|head(?:s|ed)?|return(?:s|ed)?)\s+(?:back\s+)?to|"
                          r"в|во|посетил\w*|посетит\w*|посещ\w*|приехал\w*|приедет|прибыл\w*|прибудет)"
                          r"\s+(?:the\s+)?(\w+)", re.IGNORECASE)
# The Arabic words a place follows where it is where something happened (في مينسك، إلى موسكو،
# زار باكو، "في العاصمة الأذربيجانية باكو"), folded as normalize() folds them; a place with ب
# before it (بموسكو) is one too. "بين باكو ويريفان" and "لسيطرة باكو" are the governments.
_LOCATIVE = frozenset(normalize(w) for w in "في إلى الى نحو زار يزور تزور سيزور ستزور زيارة لزيارة بزيارة".split())
_LOCATIVE_REACH = 3  # words between: في العاصمة الأذربيجانية باكو


def _located(sentence: str, place: set[str]) -> bool:
    """Whether the sentence names the place as where something happens."""
    words = _WORD.findall(normalize(sentence))
    for i, word in enumerate(words):
        if not {token for _, token in analyze(word)} & place:
            continue
        if word[0] == "ب" and {token for _, token in analyze(word[1:])} & place:
            return True
        if any(_is_locative(w) for w in words[max(0, i - _LOCATIVE_REACH):i]):
            return True
    return False


def _is_locative(word: str) -> bool:
    return word in _LOCATIVE or (word[0] in "وف" and word[1:] in _LOCATIVE)


def elsewhere(question: str, terms: Iterable[Term], hits: Sequence, names: frozenset[str]) -> str:
    """A person and the place a question asks as where something happened, which the passages
    to be quoted hold but never with the place as where the person was: "pashinyan / baku", or "".

    "Когда Пашинян посетил Баку?" finds Pashinyan signing the ceasefire and, a sentence later,
    areas under Baku's control; "When did Lavrov visit Yerevan?" finds Lavrov beside
    "normalising relations between Baku and Yerevan". A sentence naming the person must name the
    place after في، إلى، زار (or the passage's article title must: "... في مينسك").

    An Arabic question asks a place so after the same words ("متى زار بوتين باكو؟"); its people
    are its words the corpus uses as names. A word the name table holds that is no person (a
    verb it shares a stem with) beside a real name only adds sentences that may place the place:
    one sentence placing it beside any of them is enough. `hits`: the passages to be quoted
    (text, title)."""
    if has_arabic(question):
        # The words after في، إلى، زار (up to three: "في العاصمة الأذربيجانية باكو").
        words = _WORD.findall(normalize(question))
        where = {word for i, w in enumerate(words) if _is_locative(w)
                 for ahead in words[i + 1:i + 1 + _LOCATIVE_REACH] for word, _ in analyze(ahead)}
        asked = _asked_arabic_names(terms, names)
    else:
        where = {m.group(1).lower() for m in _WHERE_ASKED.finditer(strip_marks(question))}
        asked = _asked_names(terms, names)
    people = [(word, group) for word, group, place in asked if not place]
    located = [(word, group) for word, group, place in asked if place and word in where]
    if not people or not located:
        return ""
    read = [[hit.text[a:b] for a, b in sentence_spans(hit.text)] for hit in hits]
    for place_word, place in located:
        with_person = [(hit, sentences, i) for hit, sentences in zip(hits, read) for i in range(len(sentences))
                       if any(group & sentence_tokens(sentences[i]) for _, group in people)]
        if not with_person or not any(place & sentence_tokens(s) for sentences in read for s in sentences):
            continue  # a person or the place no passage holds: for the other checks to weigh
        # The sentence naming the person, or the next (news names who meets in one sentence and
        # where in the next: "... بين باشينيان وعلييف وميشيل. ويعتزم ... في العاصمة المولدافية كيشيناو").
        if any(any(_located(s, place) for s in sentences[i:i + 2]) or (hit.title and _located(hit.title, place))
               for hit, sentences, i in with_person):
            continue
        person = next(word for word, group in people
                      if any(group & sentence_tokens(sentences[i]) for _, sentences, i in with_person))
        return f"{person} / {place_word}"
    return ""
