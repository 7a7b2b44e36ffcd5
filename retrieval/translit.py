"""Cross-script name keys: "Lavrov", "Лавров" and "لافروف" get the same key.

A name in an English or Russian question must find the Arabic passage that spells it, with no
hand list. Every script is first romanised by anyascii (a maintained transliteration table for
all of Unicode), then reduced to a consonant skeleton with classes that merge what the three
writing systems confuse: Arabic writes no short vowels and has no p, v or g (ب، ف، غ/ج stand in), س/ز and ts/z/ц
are heard alike,
Russian and English spell the same sound in different letters (х/kh/خ, ш/sh/ش, ж/zh/ج).

    Lavrov / Лавров / لافروف        -> lfrf
    Bayramov / Байрамов / بيراموف   -> brmf
    Zakharova / Захарова / زاخاروفا -> srf
    Aliyev / Алиев / علييف          -> Vlf    (V: the word starts with a vowel or ع)

The key is an index for candidates, not a proof of identity: a short key can collide with an
ordinary Arabic word, which is why callers weigh matches by how rare the word is in the corpus.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Iterable, Mapping

from anyascii import anyascii
from wordfreq import zipf_frequency

# Order matters: longer spellings first.
_DIGRAPHS = (
    ("shch", "S"), ("sch", "S"), ("tsh", "S"), ("tch", "S"), ("sh", "S"), ("ch", "S"),
    ("dzh", "g"), ("dj", "g"), ("zh", "g"), ("gh", "g"), ("th", "t"), ("dh", "d"), ("ph", "f"),
    ("ck", "k"), ("ng", "n"), ("ks", "k"), ("x", "k"), ("ts", "s"), ("tz", "s"),
    # х/kh/خ stands for خ in some names and for ه/ح in others (Ильхам = إلهام): like h, dropped.
    ("kh", ""),
)
_CLASSES = str.maketrans({
    "p": "b", "v": "f", "w": "", "q": "k", "c": "k", "j": "g", "h": "", "z": "s",
    "a": "", "e": "", "i": "", "o": "", "u": "", "y": "",
})
_VOWELISH = set("aeiouyw")
# Alef in every form opens a word with a vowel even where anyascii writes nothing for it.
_ARABIC_VOWEL_START = set("اأإآٱع")
_NOT_LETTER = re.compile(r"[^a-z]")


def _letters(text: str, spelling: bool) -> str:
    """The text romanised, letters only; spelled() reads anyascii's ع (`) as the vowel it stands for."""
    roman = romanised(text)
    return _NOT_LETTER.sub("", roman.replace("`", "a") if spelling else roman)


@lru_cache(maxsize=2048)
def _letter(ch: str, spelling: bool) -> str:
    """One letter romanised, its own digraphs replaced by their classes (an index's words use a few
    hundred letters: cached). `spelling`: as spelled() writes it, else as name_key()."""
    return _replaced(_letters(ch, spelling), _SPELLING_DIGRAPHS if spelling else _DIGRAPHS)


def _replaced(roman: str, digraphs) -> str:
    for digraph, cls in digraphs:
        roman = roman.replace(digraph, cls)
    return roman


def _with_digraphs(word: str, roman: str, spelling: bool, across: bool) -> str:
    """`roman` (the word romanised) with its digraphs replaced by their classes; across=False, an
    Arabic word's letters romanised one by one, so that only a letter's own romanisation (ش sh,
    خ kh) forms a digraph, not two letters meeting (ك+س, ت+س, س+ه)."""
    if across or not _ARABIC.search(word):
        return _replaced(roman, _SPELLING_DIGRAPHS if spelling else _DIGRAPHS)
    return "".join(_letter(ch, spelling) for ch in word)
MIN_KEY = 3  # "Vlf" (Aliyev) is the shortest key worth looking up
# Prefix of a key taken from an Arabic word as written, clitic-like start included (أليكسي is
# Alexei, not ال + يكسي): looked up for Latin and Cyrillic names only.
WRITTEN_KEY = "~"
# Prefix of a two-consonant key (Kerry kr, Bush bS, Modi md, Rouhani rn, Salehi sl): too short to
# key every Arabic word by (كرة، قال and thousands more would meet them), so only the words the
# corpus announces as names after a title (retrieval/names.py: "وزير الخارجية الأميركي جون كيري")
# are keyed so, and only capitalised Latin and Cyrillic words rare in their own language look them up.
SHORT_KEY = "_"
SHORT_KEY_LENGTH = MIN_KEY - 1
# Prefix of a key read with an Arabic word's letters apart (name_key across=False) where it differs
# from the key read with them joined: looked up for Latin and Cyrillic names only.
LETTERS_KEY = "^"


def romanised(text: str) -> str:
    """The text in lower-case ASCII letters (Bakı -> baki, Баку -> baku)."""
    return anyascii(text).lower()


@lru_cache(maxsize=200_000)
def name_key(word: str, across: bool = True) -> str:
    """The cross-script key of one word ('' when the word has no consonant to speak of).

    across=False forms no digraph across two Arabic letters: Arabic writes no short vowel, so two
    letters meet where the name has a vowel between them (تسلا is Tesla, not the ts of
    Mnatsakanyan; كاسترو is Castro, not an x). Both readings are keyed (arabic_key_variants)."""
    roman = romanised(word)
    # anyascii writes ع as ` and hamza as ': a word opening with either opens with a vowel sound.
    initial_vowel = (bool(roman) and (roman[0] in _VOWELISH or roman[0] in "`'")) or word[:1] in _ARABIC_VOWEL_START
    roman = _NOT_LETTER.sub("", roman)
    if not roman:
        return ""
    roman = _with_digraphs(word, roman, False, across)
    skeleton = roman.translate(_CLASSES)
    # Doubled letters (Mnatsakanyan's nn, Brussels' ss) are one sound, and Arabic writes them once.
    collapsed = "".join(ch for i, ch in enumerate(skeleton) if i == 0 or ch != skeleton[i - 1])
    if not collapsed:
        return ""
    return ("V" if initial_vowel else "") + collapsed


# The last vowel (or soft sign) of a Russian name: without it, the stem every case form starts
# with (Москва, Москве, Москвой -> москв; Брюссель -> брюссел).
RU_FINAL_VOWEL = re.compile("[аяйьоеиыу]$")
# Russian case endings that carry a consonant the nominative lacks (Лавровым, Алиевом, Пашиняном);
# vowel endings need nothing: the key drops vowels anyway.
RU_ENDINGS = ("ами", "ями", "ого", "его", "ому", "ему", "ым", "им", "ом", "ем", "ам", "ям")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_ARABIC = re.compile("[\u0600-\u06ff]")


def name_words(analyzed: list[list[tuple[str, str, str]]], announced: Iterable[str] = ()) -> set[tuple[str, str]]:
    """(cross-script key, word) of every Arabic word, so an English or Russian name finds it.

    Keys come from the word as written and without its clitic: "الكرملين" is al-Kremlin, but
    "أليكسي" is Alexei. The word is stored as analysed (clitic off, glossary applied), whose stem
    is its BM25 token. `announced`: the words (as analysed) the passages announce as names, which
    are also keyed by a key of two consonants (SHORT_KEY).
    """
    words = {triple for triples in analyzed for triple in triples}  # each distinct word once
    out: set[tuple[str, str]] = set()
    for word, _, written in words:
        if _ARABIC.search(word):
            out.update(_word_keys(word, written))
    out.update((SHORT_KEY + key, word) for word in set(announced) if _ARABIC.search(word)
               for key in {name_key(word)} if len(key) == SHORT_KEY_LENGTH)
    return out


@lru_cache(maxsize=200_000)
def _word_keys(word: str, written: str) -> tuple[tuple[str, str], ...]:
    """The key table's rows of one Arabic word (name_words), computed once per word of an index."""
    joined, apart = _keys_of(word)
    rows = [(key, word) for key in joined]
    # Only names from other scripts look these up (LETTERS_KEY, WRITTEN_KEY): an Arabic question
    # word that falls back on its key compares Arabic letters with Arabic letters, and must not
    # meet شراكة ("partnership", Srk with its ك+ة read apart) for شاركوا, nor every ال-word of the
    # corpus.
    rows += [(LETTERS_KEY + key, word) for key in apart]
    if written != word:  # as written, with its clitic (الكرملين, أليكسي)
        rows += [(WRITTEN_KEY + key, word) for key in arabic_key_variants(written) - joined - apart]
    return tuple(rows)


def _all_keys(word: str) -> set[str]:
    """Keys of a Latin or Cyrillic word, a Russian one also without its case ending, however short.

    An "ng" is also read as n and g: the key's digraph makes it one n (Arabic often writes it ن),
    but Arabic writes it نغ or نج as often (بوينغ Boeing, فانينغ Fanning, هونغ Hung), which
    meets only the key with its g."""
    forms = {word}
    if _CYRILLIC.search(word):
        forms |= {word[: -len(ending)] for ending in RU_ENDINGS if word.endswith(ending) and len(word) - len(ending) >= 3}
    keys = {name_key(form) for form in forms}
    keys |= {name_key(roman.replace("ng", "ngg")) for form in forms if "ng" in (roman := romanised(form))}
    return keys


def name_key_variants(word: str) -> set[str]:
    """Keys of a Latin or Cyrillic name, a Russian one also without its case ending."""
    return {k for k in _all_keys(word) if len(k) >= MIN_KEY}


@lru_cache(maxsize=200_000)
def arabic_key_variants(word: str) -> frozenset[str]:
    """Keys of an Arabic word with and without a one-letter proclitic (و, ف, ب, ل, ك), and with
    two letters read as one sound where they meet (ت+س as the ts of Mnatsakanyan, ك+س as an x)
    and as two (Tesla, Castro: the vowel between them Arabic does not write).

    "وجيهون" (and Jeyhun) must answer to "Jeyhun" as well; the bare form is only tried when
    enough of the word remains to be a name.
    """
    joined, apart = _keys_of(word)
    return joined | apart


def _keys_of(word: str) -> tuple[frozenset[str], frozenset[str]]:
    """The keys of arabic_key_variants with two letters read as one sound where they meet, and the
    other keys, with every letter read apart."""
    forms = (word, word[1:]) if len(word) >= 5 and word[0] in "وفبلك" else (word,)
    joined = frozenset(k for k in map(name_key, forms) if len(k) >= MIN_KEY)
    return joined, frozenset(k for f in forms if len(k := name_key(f, False)) >= MIN_KEY) - joined


def foreign_lookup(keys) -> set[str]:
    """What a Latin or Cyrillic name looks up in the key table for its keys: the Arabic words keyed
    plainly, with their letters apart (LETTERS_KEY) and as written (WRITTEN_KEY)."""
    return {prefix + k for k in keys for prefix in ("", LETTERS_KEY, WRITTEN_KEY)}


# How common (wordfreq's zipf) a Latin or Cyrillic word may be and still look up its key of two
# consonants (Kerry 3.85, Rouhani 2.74, Bush 4.49; war 5.46, home 5.81), as bot/qualifiers' ORDINARY.
SHORT_NAME_ZIPF = 4.5


def foreign_keys(word: str) -> set[str]:
    """Every row of the key table a Latin or Cyrillic word looks up: its keys of three consonants or
    more (foreign_lookup) and, for a word rare in its language, its key of two among the names the
    corpus announces (SHORT_KEY). The question's terms and the claim check read names by this."""
    keys = foreign_lookup(name_key_variants(word))
    if zipf_frequency(word.lower(), "ru" if _CYRILLIC.search(word) else "en") < SHORT_NAME_ZIPF:
        keys |= short_lookup(word)
    return keys


def short_lookup(word: str) -> set[str]:
    """The SHORT_KEY rows a Latin or Cyrillic word of two consonants looks up (a Russian one also
    without its case ending: Бушем -> Буш)."""
    return {SHORT_KEY + k for k in _all_keys(word) if len(k) == SHORT_KEY_LENGTH}


# A key is a coarse index: "srf" (Zakharova) is also the key of تصرف ("behaviour"), "Vlf" (Aliyev)
# that of ألف ("thousand"). Among the Arabic words a name's key meets, the ones meant are those
# whose spelling is closest to the name's: keep the words within this margin of the best match (a
# name with one match keeps it, if it is spelled at least MIN_SPELLING like the name).
SPELLING_MARGIN = 0.15
# A word the key meets is spelled at least this close to the name, however few others it meets:
# on XQuAD's English and Russian questions (stop 39), none of the 19 capitalised words whose
# closest match scored under 0.6 met a word of their passage ("India" met عندها, "После" تحصيل);
# from 0.6 to 0.7, 6 of 35 did.
MIN_SPELLING = 0.6

# How the spellings are compared: with the key's digraphs and letter classes (above), but with
# the vowels a name's key drops written as Arabic writes them. Arabic writes the long vowels a
# name's o/u and i/e become (و, ي) and no short ones, so "Soviet" is compared as swfyt with
# سوفيات (swfyt) and not as soviet with swfyat, which scored it no closer than صفحته ("its page",
# sfht); kh is a letter of its own here (the key drops it), and ع, which opens many foreign
# names, is read as the vowel it stands for.
_SPELLING_DIGRAPHS = tuple((digraph, "H" if digraph == "kh" else cls) for digraph, cls in _DIGRAPHS)
_SPELLING_LETTERS = {**_CLASSES, **str.maketrans({"o": "w", "u": "w", "w": "w", "i": "y", "e": "y", "y": "y",
                                                  "a": "a", "h": "h"})}


@lru_cache(maxsize=200_000)
def spelled(text: str, across: bool = True) -> str:
    """A word as Arabic would write it, in Latin letters: the form spellings are compared in.
    across=False: no digraph across two Arabic letters (name_key)."""
    roman = _with_digraphs(text, _letters(text, True), True, across)
    roman = roman.translate(_SPELLING_LETTERS)
    return "".join(ch for i, ch in enumerate(roman) if i == 0 or ch != roman[i - 1])


def _score(mine: str, token: str, words: Mapping[str, Iterable[str]] | None) -> float:
    """How close a name's spelling is to an index token's: to the token itself or to the closest word
    it stems from, whichever is closer (لاتشين, not its stem لاتش, which scored below لشن, "to
    launch"; سوفيتية's stem سوفي, as close to "Soviet" as a word, سوفيات, that writes its ending);
    an Arabic ت+س read both ways (شولتس is Scholz's ts, تسلا Tesla's t-s)."""
    # A name's kh is خ in some names and ح or ه in others (Мохсен = محسن, Ахмед = أحمد): read both ways.
    mines = {mine, mine.replace("H", "h")}
    return max((SequenceMatcher(None, m, spelled(w, across)).ratio()
                for w in {token, *(words or {}).get(token, ())} for across in (True, False) for m in mines),
               default=0.0)


def spelled_closer(word: str, candidates: set[str], than: tuple[str, ...],
                   words: Mapping[str, Iterable[str]] | None = None) -> set[str]:
    """The candidates spelled strictly closer to `word` than any of `than` is."""
    mine = spelled(word)
    bar = max((SequenceMatcher(None, mine, spelled(other)).ratio() for other in than), default=0.0)
    return {c for c in candidates if _score(mine, c, words) > bar}


def closest_spellings(word: str, candidates: set[str], words: Mapping[str, Iterable[str]] | None = None) -> set[str]:
    """The candidates (Arabic index tokens) whose spelling is nearest to `word`'s; `words` gives,
    for a token, the words of the corpus it is the stem of."""
    mine = spelled(word)
    scores = {c: _score(mine, c, words) for c in candidates}
    scores = {c: score for c, score in scores.items() if score >= MIN_SPELLING}
    if not scores:
        return set()
    best = max(scores.values())
    return {c for c, score in scores.items() if score >= best - SPELLING_MARGIN}
