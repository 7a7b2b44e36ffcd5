"""Names the corpus speaks of (people, places, organisations), found at ingest by their cues.

Arabic writes no capital letters, so a name is told by what announces it: a title or role
("وزير الخارجية الروسي سيرغي لافروف", "نظيره الأذربيجاني جيهون بيراموف", "المتحدثة باسم
الخارجية ماريا زاخاروفا") or a kind of place ("العاصمة الأذربيجانية باكو", "ممر لاتشين"). After the
cue, definite words (the ministry, the nationality: الخارجية، الروسي) are skipped and the next one
to three words without ال, up to a punctuation mark, are the name. Once a word is known as a name
anywhere in the corpus it is a name everywhere: the claim check (bot/support.py) then requires
every answer sentence that uses it to be backed by a cited passage that holds it.

The cues are roles and kinds of place, not names: they find the envoy of an article added
tomorrow as well as the ministers of the seed articles. What news writes with no cue at all
(روسيا، باكو، الأمم المتحدة) comes from a gazetteer of the world's countries, capitals and a few
bodies (gazetteer.txt), as single index tokens or, for names of several words, token phrases.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .countries import gazetteer_places
from .normalize import analyze, normalize, strip_marks

# Titles and roles that precede a person's name, and kinds of place or body that precede a name.
_CUES = frozenset("""
الرئيس رئيس رئيسي الرئيسان الرئيسين رئيسة رئيسا وزير الوزير وزيرة وزيرا وزيري وزراء المتحدث المتحدثة متحدث الناطق الناطقة
نائب نائبة السفير سفير السفيرة المبعوث مبعوث الممثل ممثل المستشار مستشار الأمين الزعيم زعيم القائد قائد
الملك الأمير الجنرال العقيد اللواء السيد السيدة نظيره نظيرها نظيريه نظيرهم نظيره نظيرتها المسؤول مسؤول
البابا الشيخ الدكتور المدير مدير
مدينة المدينة العاصمة عاصمة إقليم اقليم منطقة بلدة قرية جمهورية محافظة ولاية مطار ممر نهر جبل بحيرة
حزب حركة منظمة شركة وكالة صحيفة
""".split())
# Words a cue's name never holds: particles, verbs of saying, relative words.
_NOT_NAME = frozenset("""
في من إلى الى على عن مع أن ان إن لا ما لم لن قد كان كانت يكون هو هي هم هذا هذه ذلك تلك التي الذي الذين
قال قالت أكد أكدت أعلن أعلنت أشار أشارت أوضح أوضحت ذكر ذكرت صرح صرحت بحث بحثا يبحث يبحثان وقال وقالت
باسم بشأن خلال بعد قبل بين حول أمس اليوم غدا يوم عام سنة شهر أيضا كما حيث أي كل بعض جميع نحو لدى عند
عقد عقدت يعقد توجه زار يزور التقى تلقى أجرى أجريا دعا دعت اجتماع اجتماعات لقاء محادثات مباحثات مفاوضات زيارة
وصل وصلت غادر غادرت قام قامت أضاف أضافت شدد شددت لفت أعرب أعربت رحب رحبت وقع وقعت يرى ترى
بيان بيانا آخر أخرى نزاع اتفاق اتصال اتصالا هاتفي هاتفيا رسالة كلمة بمشاركة بحضور برئاسة
""".split())
_PIECE = re.compile(r"[\u0621-\u064a]+|[^\s\u0621-\u064a]+")
_BREAK = re.compile(r"[^\w\s]")  # punctuation ends a name
MAX_SKIP = 3  # definite words between the cue and the name (وزير الخارجية الروسي ...)
MAX_NAME = 3  # words of one name (رجب طيب أردوغان)


@lru_cache(maxsize=1)
def cue_tokens() -> frozenset[str]:
    """Index tokens of the titles, roles and kinds of place that announce a name (رئيس، وزير،
    وزراء، سفير، العاصمة...): the words a country can single out an office or a place by."""
    return frozenset(token for cue in _CUES for _, token in analyze(cue))


def _bare(word: str) -> str:
    return word[1:] if len(word) > 3 and word[0] == "و" and word[1:] in _CUES else word


def _ordinary(word: str) -> bool:
    """A particle or a common word of the news, also with و before it or the accusative ا after."""
    return any(w in _NOT_NAME for w in (word, word[:-1] if word.endswith("ا") else word,
                                         word[1:] if word.startswith("و") else word))


def _joined(word: str) -> bool:
    """A word opening with و/ب/ل before a cue or an ال-word: a new phrase, not the name going on."""
    rest = word[1:]
    return word[0] in "وبلف" and (rest in _CUES or rest.startswith("ال") or rest in _NOT_NAME)


# Words between a title and a comma before the name it announces ("المتحدثة باسم وزارة الخارجية
# الروسية، ماريا زاخاروفا"): read only when asked for appositions.
_OF_TITLE = frozenset({"باسم", "وزارة", "رئاسة", "حكومة", "مجلس", "لدى", "لجنة", "هيئة"})


# Verbs of saying, as normalize() folds them (أكد → اكد, رأى → راي), with و/ف before them and the
# feminine ت after them. REPORTING_VERBS open a sentence that goes on with someone's words ("وأضاف",
# "وجاء في البيان"); STANCE_VERBS give a position anywhere ("رحب لافروف بـ", "نفى", "طالب"). Both
# are read by bot/said.py, and here as a cue: "وقال كريس فيليرز المتحدث باسم بوينغ" puts the name
# after the verb and its title after the name.
REPORTING_VERBS = "قال|اضاف|تابع|اشار|اكد|لفت|شدد|اعتبر|اوضح|صرح|راي|ذكر|جاء|اختتم|مضي|اعرب|دعا|وصف|نقل"
STANCE_VERBS = ("اعلن|رحب|حذر|انتقد|نفي|طالب|اتهم|اشاد|تعهد|وعد|ابدي|هدد|كشف|افاد|اعترف|ابلغ|نوه|رفض|يقول|تقول|"
                "قالوا|اكدوا")
_SAYING_VERB = re.compile(rf"[وف]?(?:(?:{REPORTING_VERBS})ت?|(?:{STANCE_VERBS})(?:ت|ا|وا)?)")

# Cues that announce a place or a body, not a person: no name stands before them as its title.
_PLACE_CUES = frozenset("""
مدينة المدينة العاصمة عاصمة إقليم اقليم منطقة بلدة قرية جمهورية محافظة ولاية مطار ممر نهر جبل بحيرة
حزب حركة منظمة شركة وكالة صحيفة
""".split())


def _said_before_title(pieces: list[str], i: int) -> list[str]:
    """The name a verb of saying at pieces[i] puts before a person's title: "وقال كريس فيليرز
    المتحدث باسم بوينغ" names Boeing's spokesman. One to three name words, then the title; a verb
    followed by anything else ("قال وزير الخارجية", "قال إن") names no one this way."""
    if not _SAYING_VERB.fullmatch(normalize(pieces[i])):
        return []
    found: list[str] = []
    j = i + 1
    while j < len(pieces) and len(found) < MAX_NAME:
        word = pieces[j]
        if _bare(word) in _CUES:
            break
        if _BREAK.match(word) or word.startswith("ال") or _ordinary(word) or _joined(word) or len(word) < 3 \
                or not ("\u0621" <= word[0] <= "\u064a"):
            return []
        found.append(word)
        j += 1
    if found and j < len(pieces) and _bare(pieces[j]) in _CUES and _bare(pieces[j]) not in _PLACE_CUES:
        return found
    return []


def cued_names(text: str, apposition: bool = False) -> list[str]:
    """The Arabic words of `text` that a title or a kind of place announces as a name.

    `apposition`: also the name after a comma that follows the title and its words ("نائب وزير
    الخارجية الروسي، أندريه رودينكو"), and the name a verb of saying puts before its title ("وقال
    كريس فيليرز المتحدث باسم بوينغ"). Not at ingest, where the name table has been read without
    them (a comma as often ends the title's clause: "وزير الخارجية الروسي، في بيان").
    """
    pieces = _PIECE.findall(strip_marks(text))
    names: list[str] = []
    if apposition:
        for i in range(len(pieces)):
            names.extend(_said_before_title(pieces, i))
    i = 0
    while i < len(pieces):
        if _bare(pieces[i]) not in _CUES:
            i += 1
            continue
        j, skipped = i + 1, 0
        while j < len(pieces) and skipped < MAX_SKIP + 2 * apposition \
                and (pieces[j].startswith(("ال", "لل")) or apposition and pieces[j] in _OF_TITLE) \
                and _bare(pieces[j]) not in _CUES:
            j, skipped = j + 1, skipped + 1
        if apposition and j < len(pieces) and pieces[j].strip() in ("،", ","):
            j += 1
        found = 0
        while j < len(pieces) and found < MAX_NAME:
            word = pieces[j]
            if _BREAK.match(word) or word.startswith("ال") or _ordinary(word) or _bare(word) in _CUES \
                    or _joined(word) or len(word) < 3 or not ("\u0621" <= word[0] <= "\u064a"):
                break
            names.append(word)
            found, j = found + 1, j + 1
        i = max(i + 1, j)
    return names


@lru_cache(maxsize=1)
def gazetteer() -> tuple[frozenset[str], tuple[tuple[str, ...], ...]]:
    """(one-word places, phrases of places of several words), as words without clitics.

    Words, not stems: البحرين and البحر (the sea) share a stem, and only the country is a name.
    """
    words: set[str] = set()
    phrases: set[tuple[str, ...]] = set()
    for place in gazetteer_places():
        for variant in place:
            tokens = tuple(word for word, _ in analyze(variant))
            if len(tokens) == 1:
                words.add(tokens[0])
            elif tokens:
                phrases.add(tokens)
    return frozenset(words), tuple(sorted(phrases))


def announced(text: str, apposition: bool = False) -> set[tuple[str, str]]:
    """The cued names of `text` as analyze() leaves them: (word, index token). The tokens are the
    name table's; the words are also keyed by two consonants (translit.SHORT_KEY: كيري, روحاني)."""
    return {pair for word in cued_names(text, apposition) for pair in analyze(word)}


def name_tokens(text: str, apposition: bool = False) -> set[str]:
    """Index tokens of the cued names in `text` (the form the claim check compares)."""
    return {token for _, token in announced(text, apposition)}
