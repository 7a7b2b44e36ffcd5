"""Arabic normalisation and tokenisation, shared by indexing and querying.

Both sides must go through exactly these functions, or a query spelled one way misses a passage
spelled another (أ/إ/آ/ا, ى/ي, ة/ه, diacritics, tatweel, Arabic-Indic digits).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache
from pathlib import Path

import Stemmer
from wordfreq import zipf_frequency

# Harakat, Quranic marks, superscript alef: they vary between outlets and carry no meaning for search.
_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_TATWEEL = "\u0640"
_LETTERS = str.maketrans(
    {
        "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",
        "ى": "ي", "ی": "ي", "ئ": "ي",
        "ؤ": "و", "ک": "ك", "ة": "ه",
        **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic digits
        **{chr(0x06F0 + i): str(i) for i in range(10)},  # Persian digits
    }
)
# Before stemming we keep ة and ى: the Snowball stemmer relies on them to find suffixes.
_PRE_STEM = str.maketrans(
    {k: v for k, v in {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ی": "ي", "ک": "ك"}.items()}
    | {chr(0x0660 + i): str(i) for i in range(10)}
    | {chr(0x06F0 + i): str(i) for i in range(10)}
)
_POST_STEM = str.maketrans({"ى": "ي", "ة": "ه", "ئ": "ي", "ؤ": "و"})
_WORD = re.compile(r"\w+", re.UNICODE)
_ARABIC = re.compile("[\u0600-\u06ff]")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_LATIN_OR_CYRILLIC = re.compile("[a-z\u0400-\u04ff]")
# A stretch of Latin or Cyrillic words with what the glossary's variants hold between and in
# them (u.s., côte d'ivoire, кот-д’ивуар, antigua & barbuda).
_FOREIGN_RUN = re.compile(r"[a-z\u00c0-\u024f\u0400-\u04ff][a-z0-9_\u00c0-\u024f\u0400-\u04ff\s\-'’.&]*")
# "US" in capitals is the United States; lower-cased it would be the pronoun (a stop word).
_US = re.compile(r"(?<![\w.])US(?![\w.])")
# A Russian word, unless a language follows it: "немецкий язык" is German, not Germany.
_RU_WORD = re.compile(r"(?<![а-яё])[а-яё]+(?![а-яё])(?!\s+язык)")
_CLITICS = ("وال", "فال", "بال", "كال", "لل", "ال")

_AR_STOP = set(
    """
    في من على الى إلى عن مع ان إن أن كان كانت يكون تكون هذا هذه ذلك تلك هو هي هم هن انا نحن انت
    ما ماذا متى اين أين كيف لماذا لم لن لا قد قد ثم او أو و ف ب ل ك التي الذي الذين اللذين اللتين
    كل بعض غير بين حتى عند عندما اذا إذا لكن لكنه بل اي أي ايضا أيضا كما مثل منذ خلال حول ضد نحو
    لدى لدي فيه فيها منه منها عليه عليها اليه إليه اليها إليها به بها له لها لهم هناك هنا وقد وكان
    وكانت وهو وهي وفي ومن وعلى والى وإلى وعن ومع وان وأن وإن ولا ولم فان فإن بان بأن لان لأن كذلك
    تم يتم قال وقال قالت وقالت اما أما ليس ليست هل يا الا إلا سوف عدة جدا فقط دون امام أمام وراء
    تحت فوق اكثر أكثر اقل أقل الان الآن اليوم امس أمس بعد قبل حيث
    كم ماهو ماهي وما وماذا ومتى وكيف وهل ومن وأين ولماذا لمن ولمن فلمن
    حدثني حدثنا أخبرني اخبرني أخبرنا اخبرنا عرفني اشرح اشرحي تحدث حدث فضلك رجاء ممكن يمكن أريد اريد أعرف اعرف
    اذكر اذكري اذكروا
    مقال مقالة مقالات المقال المقالة المقالات مذكور مذكورة مذكورين المذكور المذكورة المذكورين
    """.split()
)
# Question words and fillers ("tell me about", "расскажите о", "حدثني عن") are not search terms:
# they match nothing the question is about and would dilute every score built on its terms.
# Nor are words about the corpus itself ("mentioned in the articles", "упомянутый в статьях",
# "المذكور في المقالات"): a news article does not call itself an article. "وفقا ل" / "согласно"
# stay terms: "according to a 1955 review" is the passage's own wording (XQuAD).
_EN_STOP = set(
    "a an the of in on at to for from by with and or is are was were be been what who whom which "
    "when where why how did do does about into than that this these those it its as "
    "tell me us please could would can will you your i we our my know explain describe give show "
    "name names list "
    "any anything some something there their they he she his her them has have had happen happened "
    "much many whose whats what's during after before since between against under over through while "
    "following according also just only very more most other another "
    "article articles mention mentions mentioned corpus".split()
)
_RU_STOP = set(
    "и в во на с со о об к по за из от до что кто как где когда ли не это был была были было "
    "какой какая какое какие каких каком какую каков какова сколько почему зачем чем чём "
    # the question words in their other cases ("Какому проценту…", "С кем…"): no more search terms
    # than in the nominative
    "какого какому каким какими какою кого кому кем ком чего чему "
    "расскажите расскажи скажите скажи пожалуйста мне нам вам мы вы ты я он она они его её ее их "
    "назовите назови перечислите перечисли "
    "про известно можно есть также ещё еще уже бы же а но или то этот эта эти этом "
    "такой такая такое такие статья статьи статье статью статьях статей "
    "упомянут упомянута упомянуты упомянутый упомянутая упомянутое упомянутые упомянутого "
    "упомянутой упомянутых упоминается упоминаются".split()
)
LATIN_CYRILLIC_STOPWORDS = frozenset(_EN_STOP | _RU_STOP)
_STOP = {w.translate(_PRE_STEM) for w in _AR_STOP} | {"ال", "لل"} | _EN_STOP | _RU_STOP
# Chat types a final ى as ي and a final ة as ه (متي، الي، عده): the same stop words. Not علي
# and وعلي, which are also the name Ali, nor والي, a governor.
_STOP |= {w[:-1] + {"ى": "ي", "ة": "ه"}[w[-1]] for w in set(_STOP) if w[-1:] in ("ى", "ة")} - {"علي", "وعلي", "والي"}


def strip_marks(text: str) -> str:
    """Remove diacritics and tatweel only (keeps letters, so offsets in words stay meaningful)."""
    return _DIACRITICS.sub("", unicodedata.normalize("NFKC", text)).replace(_TATWEEL, "")


def fold_letters(text: str) -> str:
    """The letters one word is spelled with in several ways folded alike (أ/إ/آ/ا, ى/ي, ة/ه,
    the hamza's seats, Arabic-Indic digits); nothing else changes."""
    return text.translate(_LETTERS)


def word_family(words: str) -> re.Pattern:
    """A closed family of Arabic words (an alternation, as normalize() folds them: رئيس → رييس),
    found whole in normalize()d text with و/ف/ب/ل or the article before them: how the offline checks
    read a sentence for a head, a deed or a milestone."""
    return re.compile(rf"(?<!\w)(?:[وفبل]|ال|وال|بال|لل|فال)?(?:{words})(?!\w)")


def normalize(text: str) -> str:
    """Normalised form used for comparison, hashing and evidence matching."""
    return " ".join(fold_letters(strip_marks(text)).lower().split())


@lru_cache(maxsize=1)
def _stemmers() -> dict[str, Stemmer.Stemmer]:
    return {
        "ar": Stemmer.Stemmer("arabic"),
        "en": Stemmer.Stemmer("english"),
        "ru": Stemmer.Stemmer("russian"),
    }


def _strip_clitic(word: str) -> str:
    for prefix in _CLITICS:
        # Keep at least three letters of stem so "الله"-like short words are not destroyed.
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            return word[len(prefix):]
    return _strip_proclitic(word)


# و ف ب ل before a word without ال ("وروسيا", "بمشاركة", "لتنفيذ") is a conjunction or a
# preposition, unless the letter is the word's own (وزير, بيان, لبنان, فرنسا). Snowball cannot
# tell them apart (it strips both or neither), and this module feeds it every word with ال so
# that وزير stays وزير. Arabic usage tells them apart: the word is read as letter + word when the
# rest is the commoner word in Arabic text (wordfreq's frequencies: وروسيا 4.3 < روسيا 5.25, but
# وزير 5.38 > زير 3.23, لبنان 5.33 > بنان 2.7).
_PROCLITICS = "وفبل"


def warm() -> None:
    """Load wordfreq's Arabic list in the background (about half a second), so the first question
    a reader asks does not wait for it."""
    threading.Thread(target=zipf_frequency, args=("وروسيا", "ar"), name="wordfreq", daemon=True).start()


@lru_cache(maxsize=200_000)
def _strip_proclitic(word: str) -> str:
    # Four letters or fewer (وقف, بحث, لقاء) are left alone: the rest would be two or three
    # letters, too short for frequencies to tell apart. A rest opening with ال (والي, the
    # governor) is a word of its own: و + ال is stripped whole above.
    if len(word) < 5 or word[0] not in _PROCLITICS or word[1:].startswith("ال"):
        return word
    rest = word[1:]
    if reads_as_letter_and_word(word):
        return rest
    # A name news has not written with و before it (وبيراموف): both unknown, و and a long rest.
    if zipf_frequency(word, "ar") == 0 and word[0] == "و" and len(rest) >= 5:
        return rest
    return word


def reads_as_letter_and_word(word: str, margin: float = 0.0) -> bool:
    """Whether Arabic writes the word without its first letter (و ف ب ل) more often, by more
    than `margin` zipf, than with it: وروسيا is و + روسيا, وزير is a word of its own. Words of
    four letters are read so only from a question's side, with a margin (question.py)."""
    return zipf_frequency(word[1:], "ar") - zipf_frequency(word, "ar") > margin


@lru_cache(maxsize=200_000)
def _stem_arabic(word: str) -> str:
    # The Snowball Arabic stemmer treats bare and ال-prefixed nouns differently (وزير -> زير,
    # الوزير -> وزير); feeding every word with ال makes both forms stem alike.
    stem = _stemmers()["ar"].stemWord("ال" + word)
    if stem.startswith("ال"):
        stem = stem[2:]
    # Forced onto the noun path, past-tense verbs keep their feminine ت (نشرت vs نشر, قالت vs قال).
    if len(stem) >= 4 and stem.endswith("ت") and not stem.endswith("ات"):
        stem = stem[:-1]
    return (stem or word).translate(_POST_STEM)


def arabic_token(word: str) -> str:
    """The BM25 token of an Arabic word as analyse() leaves it (clitic off, glossary applied)."""
    return _stem_arabic(word)


ALIASES_FILE = Path(__file__).with_name("aliases.tsv")
# Bump when tokenize() changes: every article is then re-committed. (The cross-script name keys
# have their own version, retrieval/index.py NAME_KEYS_VERSION, read again from the passages.)
TOKENIZER_VERSION = 10


@lru_cache(maxsize=1)
def aliases_version() -> str:
    """Changes when the glossary changes, so stored tokens are rebuilt."""
    import hashlib

    from .countries import version

    digest = hashlib.sha256(ALIASES_FILE.read_bytes() + version().encode()).hexdigest()[:12]
    return f"t{TOKENIZER_VERSION}-" + digest


@lru_cache(maxsize=1)
def curated_lines() -> tuple[str, ...]:
    """The curated glossary's lines (aliases.tsv)."""
    return tuple(ALIASES_FILE.read_text(encoding="utf-8").splitlines())


def _pre(text: str) -> str:
    return strip_marks(text).translate(_PRE_STEM).lower()


@lru_cache(maxsize=1)
def _alias_patterns() -> tuple[re.Pattern | None, re.Pattern | None, dict[str, str]]:
    """Regexes for the glossary's Arabic and Latin/Cyrillic variants, longest first."""
    from .countries import alias_lines, demonym_lines

    arabic, other, target = [], [], {}
    # The curated glossary first: where a country's name is also a glossary variant, the glossary
    # wins; adjectives of nationality ("Turkish") last.
    lines = list(curated_lines()) + list(alias_lines()) + list(demonym_lines(curated_lines()))
    for line in lines:
        if not line.strip() or line.startswith("#") or "\t" not in line:
            continue
        canonical, variants = line.split("\t", 1)
        canonical = _pre(canonical.strip())
        for variant in (v.strip() for v in variants.split("|")):
            words = _pre(variant).split()
            if not words:
                continue
            key = " ".join(words)
            if key in target:
                continue
            target[key] = canonical
            if _ARABIC.search(key):
                arabic.append(key)
            else:
                other.append(key)

    def alternation(keys, prefix_words: bool) -> str:
        parts = []
        for key in sorted(set(keys), key=len, reverse=True):
            words = [re.escape(w) + (r"\w*" if prefix_words and len(w) > 3 else "") for w in key.split()]
            parts.append(r"[\s\-]+".join(words))
        return "|".join(parts)

    ar = re.compile(r"(?<!\w)(?P<pre>[وفبلك]?(?:ال|لل)?)(?P<v>" + alternation(arabic, False) + r")(?!\w)") if arabic else None
    ot = re.compile(r"(?<!\w)(?P<v>" + alternation(other, True) + r")") if other else None
    return ar, ot, target


def alias_targets() -> list[str]:
    """The glossary's canonical forms (normalised as tokenisation sees them)."""
    return sorted(set(_alias_patterns()[2].values()))


def _canonical(found: str, target: dict[str, str]) -> str:
    key = " ".join(found.replace("-", " ").split())
    if key in target:
        return target[key]
    # A prefix-matched Latin/Cyrillic variant: find the glossary entry it grew from.
    words = key.split()
    for variant, canonical in target.items():
        vw = variant.split()
        if len(vw) == len(words) and all(w.startswith(v) for w, v in zip(words, vw)):
            return canonical
    return key


def apply_aliases(pre_text: str) -> str:
    """Rewrite glossary variants (other spellings, English, Russian) to their Arabic canonical form."""
    ar, ot, target = _alias_patterns()
    if ar is not None:
        pre_text = ar.sub(lambda m: f"{m['pre']} {_canonical(m['v'], target)}", pre_text)
    if _CYRILLIC.search(pre_text):
        # A Russian adjective of nationality becomes its country's stem, which the glossary
        # then reads (французского -> франци -> فرنسا).
        pre_text = _RU_WORD.sub(_country_stem, pre_text)
    if ot is not None and _LATIN_OR_CYRILLIC.search(pre_text):  # most Arabic passages have neither
        # Only stretches of Latin or Cyrillic words are searched: the alternation of a thousand
        # variants, tried at every position of an Arabic passage, cost more than the rest of
        # its tokenisation.
        pre_text = _FOREIGN_RUN.sub(lambda run: ot.sub(lambda m: _rewrite_variant(m, target), run[0]), pre_text)
    return pre_text


def _rewrite_variant(m: re.Match, target: dict[str, str]) -> str:
    # A variant matches as a prefix, for Russian endings (соглашени-е, -я); a stop word that
    # begins like one stays a stop word ("according" is not the glossary's "accord").
    if m["v"] in LATIN_CYRILLIC_STOPWORDS:
        return m[0]
    return f" {_canonical(m['v'], target)} "


def _country_stem(m: re.Match) -> str:
    from .countries import russian_adjective

    return russian_adjective(m[0]) or m[0]


def rewritten_words(text: str) -> list[str]:
    """The text's words as the glossary rewrites them, lower-cased, stopwords kept ("the foreign
    minister of Turkey" -> the, وزير, الخارجية, of, تركيا): word order and prepositions, which
    analyze() drops, for reading what a country qualifies in an English or Russian question."""
    return _WORD.findall(apply_aliases(_pre(text)))


def tokenize(text: str) -> list[str]:
    """Lexical tokens for BM25: normalised, glossary applied, clitics stripped, stopwords dropped, stemmed."""
    return [token for _, token in analyze(text)]


@lru_cache(maxsize=20_000)
def sentence_tokens(sentence: str) -> frozenset[str]:
    """The BM25 tokens of one sentence, cached: the decision and the quote picker read the same
    sentences of the same passages, question after question."""
    return frozenset(token for _, token in analyze(sentence))


def analyze(text: str) -> list[tuple[str, str]]:
    """(word, token) pairs: the word as written (clitics stripped, glossary applied) and its BM25 token.

    The word is kept for what stemming destroys: a name's cross-script key (ميرزويان stems to
    ميرزو) and a question's capitalisation.
    """
    return [(word, token) for word, token, _ in _analyze(text)]


def analyze_written(text: str) -> list[tuple[str, str, str]]:
    """(word, token, word as written): the last keeps a clitic-looking start, which in a name
    is part of the name (أليكسي is Alexei, not ال + يكسي)."""
    return _analyze(text)


def _analyze(text: str) -> list[tuple[str, str, str]]:
    out: list[tuple[str, str, str]] = []
    stemmers = _stemmers()
    for word in _WORD.findall(apply_aliases(_pre(_US.sub("U.S.", text)))):
        if word in _STOP or word.replace("_", "") == "":
            continue
        written = word
        if _ARABIC.search(word):
            word = _strip_clitic(word)
            if word in _STOP or len(word) < 2:
                continue
            out.append((word, _stem_arabic(word), written))
        elif _CYRILLIC.search(word):
            out.append((word, stemmers["ru"].stemWord(word), written))
        elif word.isdigit():
            out.append((word, word, written))
        elif len(word) > 1:
            out.append((word, stemmers["en"].stemWord(word), written))
    return out


def has_arabic(text: str) -> bool:
    """True when the text holds an Arabic letter."""
    return bool(_ARABIC.search(text))


def has_cyrillic(text: str) -> bool:
    return bool(_CYRILLIC.search(text))


def has_words(text: str) -> bool:
    """True when the text has at least one letter or digit (not only emoji or punctuation)."""
    return any(ch.isalnum() for ch in text)


def is_arabic(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return False
    return sum(1 for ch in letters if _ARABIC.match(ch)) / len(letters) >= 0.5


def language_of(text: str) -> str:
    """Coarse script-based language guess: ar, ru or en (the three languages users ask in).

    Counted in words, and a capitalised Latin or Cyrillic word among Arabic ones is a name, not
    the reader's language: "ماذا قال Lavrov في Minsk؟" is an Arabic question.
    """
    words = [w for w in _WORD.findall(text) if any(ch.isalpha() for ch in w)]
    if not words:
        return "ar"
    arabic = [w for w in words if _ARABIC.search(w)]
    others = [w for w in words if not _ARABIC.search(w)]
    if arabic:
        others = [w for w in others if not w[:1].isupper()]
    if len(arabic) >= len(others):
        return "ar"
    cyrillic = sum(1 for w in others if _CYRILLIC.search(w))
    return "ru" if cyrillic > len(others) - cyrillic else "en"
