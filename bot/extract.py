"""What an extractive answer quotes: the sentence that holds the question's informative words and
the kind of thing it asks for (a date for "when", a number for "how many"...).

Shared by the answerer (which sentence to quote) and the decision (does any sentence that holds
the question's words hold what it asks for?).
"""

from __future__ import annotations

import re
from typing import Iterator

from retrieval.chunking import sentence_spans
from retrieval.normalize import has_words, sentence_tokens
from retrieval.search import coverage

_MONTHS = ("يناير|فبراير|مارس|أبريل|ابريل|مايو|يونيو|يوليو|أغسطس|اغسطس|سبتمبر|أكتوبر|اكتوبر|نوفمبر|ديسمبر|"
           "كانون|شباط|آذار|نيسان|أيار|ايار|حزيران|تموز|آب|أيلول|ايلول|تشرين|"
           "january|february|march|april|may|june|july|august|september|october|november|december|"
           "январ|феврал|март|апрел|мая|май|июн|июл|август|сентябр|октябр|ноябр|декабр")
_DAYS = "السبت|الأحد|الاحد|الإثنين|الاثنين|الثلاثاء|الأربعاء|الاربعاء|الخميس|الجمعة|أمس|امس|اليوم"
# What a sentence must hold to answer each kind of question.
KIND = {
    "date": re.compile(rf"(?<!\w)({_MONTHS}|{_DAYS})|\b(1[89]|20)\d\d\b|[\u0660-\u0669]{{4}}", re.I),
    "person": re.compile(r"(?<!\w)(ال)?(رئيس|الرئيس|وزير|المتحدث|متحدث|نائب|سفير|مبعوث|المستشار|الأمين|زعيم|قائد|"
                         r"الملك|الأمير|السيد)|\b(president|minister|spokes\w+|envoy|ambassador)\b", re.I),
    "place": re.compile(r"(?<!\w)(في|إلى|الى|من)\s+(العاصمة|مدينة|منطقة|إقليم|اقليم|بلدة|قرية|دولة)|"
                        r"(?<!\w)(العاصمة|عاصمة)|\b(in|at) [A-Z]\w+", re.I),
}
# A quantity, what "how many / how long / كم / сколько" is answered with: a number that is not
# part of a date ("27 سبتمبر 2020" and a year say when, not how many), or a number word written
# as a word of its own ("الدول الثلاث", "حالة واحدة", "عشرات الآلاف"; not الثلاثية, "trilateral").
_NUMBER_WORDS = (
    "واحد|واحدة|اثنان|اثنين|اثنتان|اثنتين|ثلاث|ثلاثة|أربع|أربعة|اربع|اربعة|خمس|خمسة|ست|ستة|سبع|سبعة|ثمان|"
    "ثماني|ثمانية|تسع|تسعة|عشر|عشرة|عشرون|عشرين|ثلاثون|ثلاثين|أربعون|أربعين|اربعون|اربعين|خمسون|خمسين|ستون|"
    "ستين|سبعون|سبعين|ثمانون|ثمانين|تسعون|تسعين|مئة|مائة|مئتان|مئتين|مائتان|مائتين|مئات|ألف|الف|ألفا|الفا|"
    "ألفان|ألفين|ألفي|الفي|مئتي|مائتي|آلاف|الاف|مليون|ملايين|مليار|مليارات|عشرات|نصف|ربع|ثلث|بضع|بضعة|عدة|"
    # the dual of a unit is a count of two: يومين، ساعتين، عامين
    "يومان|يومين|ساعتان|ساعتين|شهران|شهرين|عامان|عامين|سنتان|سنتين|أسبوعان|أسبوعين|اسبوعين"
)
_NUMBER_WORD = re.compile(rf"(?<!\w)[وفبل]?(ال)?({_NUMBER_WORDS})(?!\w)")
# (a right-to-left mark may stand after the decimal point: "5.\u200f26")
_DIGITS = re.compile(r"[0-9\u0660-\u0669]+(?:[.,٫][\u200e\u200f]?[0-9\u0660-\u0669]+)?")
# the month may follow a range's second day: "من 1 إلى 4 أيار/مايو"
_MONTH = re.compile(rf"^\W*((إلى|الى|و|حتى)?\W*[0-9\u0660-\u0669]{{1,2}}\W*)?({_MONTHS})", re.I)
_MONTH_BEFORE = re.compile(rf"({_MONTHS})\w*\W*$", re.I)
_EASTERN = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")


# "Several" and "a few" say that there were more than one, not how many: "خضعت عدة مناطق لسيطرة
# باكو" does not answer "How many armed clashes did Azerbaijan report on the line of contact?". They
# still count the noun beside them, for bot/counted.py.
_VAGUE = re.compile(r"(?<!\w)[وفبل]?(ال)?(عدة|بضع|بضعة)(?!\w)")
# "الربع الثاني" is a quarter of the year, a time, not a quantity of anything.
_QUARTER = re.compile(r"[وفبل]?(ال)?ربع\s+(ال)?(أول|اول|ثاني|ثالث|رابع|أخير|اخير)(?!\w)")


def gives_quantity(sentence: str) -> bool:
    """Does the sentence give a quantity that answers "how many" (not a date, a year or "several")?"""
    return next(answering_quantities(sentence), None) is not None


def answering_quantities(sentence: str) -> Iterator[tuple[int, int]]:
    """Where the sentence gives a quantity that answers "how many": quantities() without "several"."""
    return ((start, end) for start, end in quantities(sentence)
            if not _VAGUE.fullmatch(sentence[start:end]) and not _QUARTER.match(sentence, start))


def quantities(sentence: str) -> Iterator[tuple[int, int]]:
    """Where the sentence gives a quantity: number words, then numbers that are not dates or years."""
    for m in _NUMBER_WORD.finditer(sentence):
        if m.group(1) and m.group(2) == "اثنين":
            continue  # الاثنين is Monday ("غد الاثنين", "يوم الاثنين"), not "the two"
        yield m.span()
    for m in _DIGITS.finditer(sentence):
        digits = m.group().translate(_EASTERN)
        if len(digits) == 4 and digits.isdigit() and 1800 <= int(digits) <= 2099:
            continue  # a year
        after, before = sentence[m.end():m.end() + 24], sentence[max(0, m.start() - 16):m.start()]
        if _MONTH.search(after) or _MONTH_BEFORE.search(before) or after[:1] in "/-" and after[1:2].isdigit():
            continue  # a day of a month: 27 سبتمبر, 9/11/2020
        yield m.span()


# A "how many" question may name its unit (retrieval/question.py `asked_unit`: "how many hours",
# "сколько дней", "كم ساعة"): then the quantity must count that unit ("نحو 4 ساعات", "يومين"), not
# another ("الدول الثلاث"). Units are a closed class, the same for any article; each is counted
# by a number then the unit as Arabic news writes it (money: a currency after the number, "5
# مليارات دولار").
_COUNTED = {
    "second": "ثانية|ثوان|ثواني|ثانيتين|ثانيتان",
    "minute": "دقيقة|دقائق|دقيقتين|دقيقتان",
    "hour": "ساعة|ساعات|ساعتين|ساعتان",
    "day": "يوم|يوما|يومًا|أيام|ايام|يومين|يومان",
    "week": "أسبوع|اسبوع|أسابيع|اسابيع|أسبوعين|اسبوعين",
    "month": "شهر|شهرا|أشهر|اشهر|شهور|شهرين|شهران",
    "year": "عام|عاما|عامًا|أعوام|اعوام|سنة|سنوات|سنين|عامين|سنتين",
    "percent": "%|٪|في المئة|في المائة|بالمئة|بالمائة",
    "money": "دولار|دولارا|دولارات|يورو|روبل|روبلا|ريال|ريالا|جنيه|درهم|دينار|ليرة|سنت|سنتا|سنتات|\\$|€",
    # an area: a number of square kilometres (miles, metres) or hectares, however the news writes them
    "area": "كيلومتر مربع|كيلومترا مربعا|كيلومترات مربعة|كم مربع|كم2|كم²|كلم مربع|كلم2|ميل مربع|أميال مربعة|"
            "متر مربع|مترا مربعا|أمتار مربعة|هكتار|هكتارا|هكتارات|km2|km²",
}


def _counted(counted: str) -> re.Pattern:
    """A number (or number word) then, at most one word later, the unit; or the unit's dual."""
    pattern = rf"([0-9\u0660-\u0669]+|(?<!\w)[وفبل]?(ال)?({_NUMBER_WORDS}))\s*(\w+\s+)?[وفبل]?(ال)?({counted})(?!\w)"
    duals = [w for w in counted.split("|") if w.endswith(("ين", "ان"))]
    return re.compile(pattern + (rf"|(?<!\w)({'|'.join(duals)})(?!\w)" if duals else ""))


_COUNTED_UNIT = {unit: _counted(counted) for unit, counted in _COUNTED.items()}
# A range of days counts days: "في الفترة من 1 إلى 4 أيار/مايو" is four days of talks.
_COUNTED_UNIT["day"] = re.compile(_COUNTED_UNIT["day"].pattern + r"|(?<!\w)من\s+[0-9\u0660-\u0669]{1,2}\s+"
                                  rf"(إلى|الى|حتى|و)\s+[0-9\u0660-\u0669]{{1,2}}\s+({_MONTHS})")
# A length of time is counted in any of its units, decades too ("منذ قرابة ثلاثة عقود").
_COUNTED_UNIT["duration"] = re.compile("|".join(
    [_COUNTED_UNIT[unit].pattern for unit in ("second", "minute", "hour", "day", "week", "month", "year")]
    + [_counted("عقد|عقود|عقدين|عقدان").pattern, r"(?<![\d:])\d{1,2}:\d\d(?![\d:])"]))  # a clock's "3:08" left
# An age is counted in years, or as a number after the word for age ("البالغ من العمر 39",
# "عن عمر ناهز 80 عاما").
_COUNTED_UNIT["age"] = re.compile(_COUNTED_UNIT["year"].pattern + r"|(?<!\w)(ال)?(عمر|سن)\w*\s+(\w+\s+)?[0-9\u0660-\u0669]+")
# What the decision says no sentence gives, per unit asked.
UNIT_SAID = {None: "a quantity", "duration": "a length of time", "percent": "a percentage", "money": "a sum of money",
             "area": "an area", "age": "an age"}


def unit_said(unit: str | None) -> str:
    """What the decision's reason says no quoted sentence gives ("a length of time")."""
    return UNIT_SAID.get(unit) or f"a quantity in {unit}s"


def counts(sentence: str, unit: str | None) -> bool:
    """Does the sentence give a quantity of the unit (any quantity when the unit is None)?"""
    if unit is None:
        return gives_quantity(sentence)
    return bool(_COUNTED_UNIT[unit].search(sentence))


def counts_other_than_time(sentence: str) -> bool:
    """Does the sentence give a quantity that is not a length of time? "منذ قرابة ثلاثة عقود" counts
    decades, not the soldiers a "how many soldiers" asks about."""
    times = [m.span() for m in _COUNTED_UNIT["duration"].finditer(sentence)]
    return any(not any(a < end and start < b for a, b in times) for start, end in answering_quantities(sentence))


def counts_things(sentence: str) -> bool:
    """Does the sentence give a count of things: a quantity that is not a length of time, a
    percentage or a sum of money? "How many employees did Halliburton lay off?" is not answered by
    "هبوط أرباحها الفصلية 93 في المائة" nor by "مقابل 35 مليار دولار"."""
    other = [m.span() for unit in ("duration", "percent", "money") for m in _COUNTED_UNIT[unit].finditer(sentence)]
    return any(not any(a < end and start < b for a, b in other) for start, end in answering_quantities(sentence))


def of_kind(asks: str, sentence: str, unit: str | None = None) -> bool:
    """Does the sentence hold the kind of thing the question asks for (for "how many", a quantity
    of the unit it names, as the decision reads it)?"""
    if asks == "number":
        return counts(sentence, unit)
    kind = KIND.get(asks)
    return kind is not None and bool(kind.search(sentence))


KIND_BONUS = 0.35  # a sentence of the asked kind beats one holding one more common word


def best_sentence(text: str, weighted, asks: str = "other", limit: int = 400,
                  skip: set[str] = frozenset(), need_terms: bool = False, follow: bool = False,
                  unit: str | None = None) -> str | None:
    """The sentence holding most of the question's informative weight, of the kind it asks for.

    `weighted` is [(term, idf weight)] (retrieval.search.term_weights): a sentence with the rare
    name of the question beats one with three common words. For متى / when / когда a sentence
    with a date wins over one without; likewise a quantity (of `unit`, when the question names
    one: "how many hours"), a person or a place. Ties go to the
    earlier sentence. With need_terms, a sentence holding none of the question's words is never
    chosen (a passage can match by its title alone): no quotation unrelated to the question.
    With follow, the next sentence is quoted too when it also holds one of the question's own
    words and both fit in the limit: news says who spoke in one sentence and what was said in the
    next ("أعلنت الحكومة الأرمنية ... أن الزعيمين تطرقا إلى مسألة تبادل أسرى الحرب. وأشار البيان
    ... إلى الحاجة إلى العودة الفورية لأسرى الحرب").
    """
    # A follow-up's own words come first; the words it borrows only break ties between sentences.
    own = [(t, w) for t, w in weighted if t.weight >= 1.0]
    borrowed = [(t, w) for t, w in weighted if t.weight < 1.0]
    spans = list(sentence_spans(text))
    best, best_score, best_i = "", -1.0, -1
    for i, (start, end) in enumerate(spans):
        sentence = text[start:end]
        short = sentence[:limit].rsplit(" ", 1)[0] + "…" if len(sentence) > limit else sentence
        if sentence in skip or short in skip or not has_words(sentence):
            continue
        tokens = sentence_tokens(sentence)
        score = coverage(own, tokens)[0] + 0.5 * coverage(borrowed, tokens)[0]
        if need_terms and score == 0:
            continue
        if of_kind(asks, sentence, unit):
            score += KIND_BONUS
        if score > best_score:
            best, best_score, best_i = short, score, i
    if follow and best and best_i + 1 < len(spans):
        start, end = spans[best_i][0], spans[best_i + 1][1]
        nxt = text[spans[best_i + 1][0]:end]
        if end - start <= limit and nxt not in skip and coverage(own, sentence_tokens(nxt))[0] > 0:
            return " ".join(text[start:end].split())  # one line, whatever break stood between them
    return best or None
