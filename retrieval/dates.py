"""Dates in text, read as values, in Arabic, English and Russian.

Two uses:
- explicit dates for the claim check (bot/support.py): 14 October 2021 = 14 أكتوبر 2021 =
  14 تشرين الأول/أكتوبر 2021 = 14 октября 2021 = October 14, 2021, Arabic-Indic digits too;
- the dates a passage speaks of (`passage_dates`), stored at ingest for the timeline: explicit
  dates with the year an article leaves out taken from its date ("9 نوفمبر" in an article of
  10 November 2020 is 2020-11-09; "25 December" in an article of January 2021 is 2020-12-25),
  years ("عام 2020", "in 2020", "в 2020 году"), and dates relative to the article's date
  ("أول أمس الإثنين" in an article of 21 October 2020 is 2020-10-19, "يوم 10 من الشهر ذاته",
  "الجمعة", "yesterday", "вчера", "last year"). Impossible dates (31 February) are dropped.

An article's date is when it was written; the dates it speaks of are when things happened.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .normalize import strip_marks

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬", "01234567890123456789.,")
_ALEF = str.maketrans("أإآٱ", "اااا")

# Month names (folded: no diacritics, one alef) -> month number.
MONTH_NAMES = {
    1: ("يناير", "كانون الثاني", "january", "jan", r"январ\w*", "janvier"),
    2: ("فبراير", "شباط", "february", "feb", r"феврал\w*", "février", "fevrier"),
    3: ("مارس", "اذار", "march", "mar", r"март\w*", "mars"),
    4: ("ابريل", "نيسان", "april", "apr", r"апрел\w*", "avril"),
    5: ("مايو", "ايار", "may", r"ма[йяе]", "mai"),
    6: ("يونيو", "يونيه", "حزيران", "june", "jun", r"июн\w*", "juin"),
    7: ("يوليو", "يوليه", "تموز", "july", "jul", r"июл\w*", "juillet"),
    8: ("اغسطس", "اب", "august", "aug", r"август\w*", "août", "aout"),
    9: ("سبتمبر", "ايلول", "september", "sept", "sep", r"сентябр\w*", "septembre"),
    10: ("اكتوبر", "تشرين الاول", "october", "oct", r"октябр\w*", "octobre"),
    11: ("نوفمبر", "تشرين الثاني", "november", "nov", r"ноябр\w*", "novembre"),
    12: ("ديسمبر", "كانون الاول", "december", "dec", r"декабр\w*", "décembre", "decembre"),
}
_ALTERNATIVES = sorted((n if "\\" in n or "[" in n else re.escape(n) for names in MONTH_NAMES.values() for n in names),
                       key=len, reverse=True)
_MONTH = "(?:" + "|".join(_ALTERNATIVES) + r")\.?"
_MONTHS = rf"(?P<m>{_MONTH})(?:\s*/\s*{_MONTH})?"  # تشرين الأول/أكتوبر: one month
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th|-?го|-?е)?(?!\d)"
_YEAR = r"(?P<y>(?:1[89]|20)\d\d)(?!\d)"
_YEAR_WORD = r"(?:عام|العام|سنة|سنه|year|of)?\s*"
# A date without its year said to be ahead ("أكتوبر المقبل"): the next one after the article's day.
_NEXT_WORDS = r"\s*,?\s*(?:المقبل|القادم|المقبله|القادمه|المقبلة|القادمة)(?!\w)"
_NEXT = re.compile(_NEXT_WORDS)
# An Arabic day said as an ordinal: "في الأول من حزيران/يونيو" (not "الأسبوع الأول من يونيو").
ORDINAL_DAYS = {"الاول": 1, "اول": 1, "الثاني": 2, "الثالث": 3, "الرابع": 4, "الخامس": 5, "السادس": 6,
                "السابع": 7, "الثامن": 8, "التاسع": 9, "العاشر": 10}
_ORDINAL_DAY = rf"(?<![\w/])(?<!الاسبوع )(?<!العشر )(?<!النصف )(?P<o>{'|'.join(ORDINAL_DAYS)})\s+من\s+"
# Checked in order; a later pattern never takes text an earlier one matched.
_EXPLICIT = [re.compile(p, re.IGNORECASE) for p in (
    rf"{_ORDINAL_DAY}(?:شهر\s+)?{_MONTHS}(?:[\s,]+{_YEAR_WORD}{_YEAR})?",
    rf"(?<!\d){_DAY}\s*(?:من\s+)?(?:شهر\s+)?{_MONTHS}(?:[\s,]+{_YEAR_WORD}{_YEAR})?",
    rf"(?<!\w){_MONTHS}\s+{_DAY}(?:,?\s+{_YEAR})?",
    rf"(?<!\w){_MONTHS}[\s,]+{_YEAR_WORD}{_YEAR}",
    rf"(?<!\w){_MONTHS}(?={_NEXT_WORDS})",  # "أكتوبر المقبل": read against the article's date
)]
# A year on its own, announced as one: "عام 2020", "في 2020", "in 2020", "в 2020 году".
_YEAR_ALONE = re.compile(r"(?:(?<!\w)(?:عام|العام|سنة|لعام|في|منذ|in|since|year|в|с)\s+)(?P<y>(?:19|20)\d\d)(?!\d)"
                         r"|(?<!\d)(?P<y2>(?:19|20)\d\d)\s+(?:году|года|год)\b", re.IGNORECASE)
_SAME_YEAR = re.compile(r"\s*,?\s*(?:من\s+)?(?:العام|السنة|السنه)\s+(?:نفسه|نفسها|ذاته|ذاتها)|\s*(?:of\s+)?(?:that|the same)\s+year"
                        r"|\s*того\s+же\s+года", re.IGNORECASE)
_WEEKDAYS = {"الاثنين": 0, "الثلاثاء": 1, "الاربعاء": 2, "الخميس": 3, "الجمعه": 4, "الجمعة": 4, "السبت": 5,
             "الاحد": 6, "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
             "sunday": 6}
_RELATIVE = re.compile(
    r"(?P<before>اول\s+(?:من\s+)?امس|the day before yesterday|позавчера)"
    r"|(?<!\w)(?P<yesterday>امس|yesterday|вчера)(?!\w)"
    r"|(?:(?<!\w)(?:يوم|on)\s+)?(?<!\w)(?P<weekday>" + "|".join(_WEEKDAYS) + r")(?!\w)(?P<next>\s+(?:المقبل|القادم|next))?"
    r"|(?:يوم\s+)?(?P<dom>[0-3]?\d)\s+من\s+(?:الشهر|هذا\s+الشهر)\s+(?:ذاته|نفسه|الجاري|الحالي)"
    r"|(?P<lastmonth>الشهر\s+الماضي|last month|в прошлом месяце)"
    r"|(?P<lastyear>العام\s+الماضي|السنة\s+الماضية|last year|в прошлом году)",
    re.IGNORECASE)


def fold(text: str) -> str:
    """Digits as ASCII, no diacritics, one alef: the form dates and numbers are read from."""
    return strip_marks(text).translate(_DIGITS).translate(_ALEF)


def _fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """fold(), with the offset in `text` of every character kept (diacritics are dropped)."""
    kept = [(ch, i) for i, ch in enumerate(text) if strip_marks(ch)]
    folded = "".join(ch for ch, _ in kept).translate(_DIGITS).translate(_ALEF)
    return folded, [i for _, i in kept] + [len(text)]


def month_number(name: str) -> int:
    name = name.lower().rstrip(".")
    for n, names in MONTH_NAMES.items():
        for candidate in names:
            if re.fullmatch(candidate, name):
                return n
    return 0


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    year: int | None
    month: int
    day: int | None


def explicit(folded: str) -> list[Mention]:
    """Day-month(-year), month-day(-year) and month-year mentions of a folded text."""
    found: list[Mention] = []
    for pattern in _EXPLICIT:
        for m in pattern.finditer(folded):
            if any(m.start() < f.end and f.start < m.end() for f in found):
                continue
            month = month_number(m.group("m"))
            groups = m.groupdict()
            day = int(groups["d"]) if groups.get("d") else ORDINAL_DAYS.get(groups.get("o") or "")
            if not month or (day is not None and not 1 <= day <= 31):
                continue
            year = int(groups["y"]) if groups.get("y") else None
            found.append(Mention(m.start(), m.end(), year, month, day))
    return sorted(found, key=lambda f: f.start)


@dataclass(frozen=True)
class EventDate:
    """A date a passage speaks of, at the precision known: "2020-11-09", "2023-05" or "2021"."""
    iso: str
    start: int  # where the passage says it
    end: int

    @property
    def precision(self) -> str:
        return {10: "day", 7: "month", 4: "year"}[len(self.iso)]


def _day(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:  # 31 February
        return None


def passage_dates(text: str, article_date: str = "") -> list[EventDate]:
    """Every date the text speaks of, resolved against the article's date (ISO, or "")."""
    folded, where = _fold_with_offsets(text)
    written = _parse(article_date)
    out: list[EventDate] = []
    taken: list[tuple[int, int]] = []
    mentions = explicit(folded)
    years = [(m.start, m.year) for m in mentions if m.year] + \
            [(y.start(), int(y.group("y") or y.group("y2"))) for y in _YEAR_ALONE.finditer(folded)]
    for m in mentions:
        year = m.year
        if year is None:
            # "في 9 نوفمبر من العام نفسه": the year the passage said last before it.
            before = [y for start, y in years if start < m.start]
            if before and _SAME_YEAR.match(folded, m.end):
                year = before[-1]
                iso = _day(year, m.month, m.day) if m.day else f"{year:04d}-{m.month:02d}"
                if iso:
                    out.append(EventDate(iso, m.start, m.end))
                    taken.append((m.start, m.end))
                continue
            if written is None:
                continue
            year = written.year
            if _NEXT.match(folded, m.end):
                # "تشرين الأول/أكتوبر المقبل": the next such date on or after the article's day.
                if (m.month, m.day or 31) < (written.month, written.day):
                    year += 1
            # A month well after the article's is last year's ("25 December" in a January article).
            elif (m.month, m.day or 1) > (written.month, written.day) and m.month - written.month > 1:
                year -= 1
        iso = _day(year, m.month, m.day) if m.day else f"{year:04d}-{m.month:02d}"
        if iso:
            out.append(EventDate(iso, m.start, m.end))
            taken.append((m.start, m.end))
    for m in _YEAR_ALONE.finditer(folded):
        start = m.start("y") if m.group("y") else m.start("y2")
        if not any(s <= start < e for s, e in taken):
            out.append(EventDate(m.group("y") or m.group("y2"), start, start + 4))
    if written is not None:
        out += _relative(folded, written, taken)
    # Offsets into the text as written; one date said twice side by side ("أول أمس الإثنين") once.
    seen, result = [], []
    for d in sorted((d for d in out if d.iso), key=lambda d: d.start):
        if seen and seen[-1].iso == d.iso and d.start - seen[-1].end < 4:
            continue
        seen.append(d)
        result.append(EventDate(d.iso, where[d.start], where[min(d.end, len(where) - 1)]))
    return result


def _relative(folded: str, written: dt.date, taken: list[tuple[int, int]]) -> list[EventDate]:
    out = []
    for m in _RELATIVE.finditer(folded):
        if any(m.start() < e and s < m.end() for s, e in taken):
            continue
        if any(abs(m.start() - e) < 4 or abs(s - m.end()) < 4 for s, e in taken):
            continue  # "يوم الخميس، 14 أكتوبر": the weekday names the explicit date beside it
        if m.group("before"):
            iso = (written - dt.timedelta(days=2)).isoformat()
        elif m.group("yesterday"):
            iso = (written - dt.timedelta(days=1)).isoformat()
        elif m.group("weekday"):
            target = _WEEKDAYS[m.group("weekday").lower()]
            if m.group("next"):
                iso = (written + dt.timedelta(days=(target - written.weekday()) % 7 or 7)).isoformat()
            else:  # news tells what happened: the latest such day up to the article's
                iso = (written - dt.timedelta(days=(written.weekday() - target) % 7)).isoformat()
        elif m.group("dom"):
            iso = _day(written.year, written.month, int(m.group("dom")))
        elif m.group("lastmonth"):
            first = written.replace(day=1) - dt.timedelta(days=1)
            iso = f"{first.year:04d}-{first.month:02d}"
        else:
            iso = f"{written.year - 1:04d}"
        if iso:
            out.append(EventDate(iso, m.start(), m.end()))
    return out


def _parse(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat((value or "")[:10])
    except ValueError:
        return None


# -- dates in questions -------------------------------------------------------------------------

def first_day(iso: str) -> str:
    """The first day a date names: 2020 -> 2020-01-01, 2020-05 -> 2020-05-01."""
    return iso + "-01-01"[: 10 - len(iso)]


def last_day(iso: str) -> str:
    """Past the last day a date names, as a string bound: 2020 -> 2020-12-31, 2020-05 -> 2020-05-31."""
    return iso + "-12-31"[len(iso) - 4:]


@dataclass(frozen=True)
class TimeAsked:
    """What a question says about time: a range of event dates, and/or the latest or the first."""
    date_from: str = ""  # ISO prefix (2023, 2023-05, 2023-05-14), "" when open
    date_to: str = ""
    order: str = ""  # "latest", "first" or ""
    month: int = 0  # a month named without a year ("in May"): that month of any year
    spans: tuple[tuple[int, int], ...] = ()  # where the question says it (those words are not search terms)

    def __bool__(self) -> bool:
        return bool(self.date_from or self.date_to or self.order or self.month)

    @property
    def has_range(self) -> bool:
        return bool(self.date_from or self.date_to or self.month)

    def holds(self, iso: str) -> bool:
        """Does an event date lie within the range (a date is the span it names)?"""
        if self.month and (len(iso) < 7 or int(iso[5:7]) != self.month):
            return False
        # A date is the span it names (2020: the whole year); it must lie wholly in the range.
        return (not self.date_from or first_day(iso) >= first_day(self.date_from)) and \
            (not self.date_to or last_day(iso) <= last_day(self.date_to))


_LATEST = re.compile(r"(?<!\w)(?:اخر|احدث|الاخير|الاخيره|latest|most recent|newest|последн\w*|самы[йеая] свеж\w*"
                     r"|last(?!\s+(?:year|month|week)))(?!\w)", re.IGNORECASE)
_FIRST = re.compile(r"(?<!\w)(?:اول|اقدم|first|earliest|перв\w*|самы[йеая] ранн\w*)(?!\w)", re.IGNORECASE)
_Q_YEAR = r"((?:19|20)\d\d)"
_BETWEEN = re.compile(rf"(?:between|بين|من|from|с|между)\s+(?:عام\s+|العام\s+)?{_Q_YEAR}\s*(?:and|و|to|إلى|الى|حتى|по|и|-)\s*"
                      rf"(?:عام\s+)?{_Q_YEAR}", re.IGNORECASE)
_SINCE = re.compile(rf"(?<!\w)(?:since|منذ|с|after|بعد|после)\s+(?:عام\s+|العام\s+)?{_Q_YEAR}(?:\s*(?:года|год|г\.))?",
                    re.IGNORECASE)
_UNTIL = re.compile(rf"(?<!\w)(?:before|until|قبل|حتى|до)\s+(?:عام\s+|العام\s+)?{_Q_YEAR}(?:\s*(?:года|год|г\.))?",
                    re.IGNORECASE)
_BARE_YEAR = re.compile(rf"(?<!\d){_Q_YEAR}(?!\d)(?:\s*(?:году|года|год|г\.))?")
_Q_RELATIVE = re.compile(
    r"(?P<lastyear>العام الماضي|السنه الماضيه|السنة الماضية|last year|в прошлом году)"
    r"|(?P<thisyear>هذا العام|العام الحالي|العام الجاري|this year|в этом году)"
    r"|(?P<lastmonth>الشهر الماضي|last month|в прошлом месяце)"
    r"|(?P<thismonth>هذا الشهر|الشهر الحالي|الشهر الجاري|this month|в этом месяце)", re.IGNORECASE)


_MONTH_ALONE = re.compile(rf"(?<!\w)(?:in|during|في|خلال|в|во)\s+(?:شهر\s+)?(?P<m>{_MONTH})(?!\w)", re.IGNORECASE)


def time_asked(question: str, today: dt.date | None = None) -> TimeAsked:
    """The time a question asks about, against today's date (for "last year", "this month")."""
    today = today or dt.date.today()
    folded = fold(question)
    spans: list[tuple[int, int]] = []
    date_from = date_to = ""
    month = 0

    def take(m: re.Match) -> None:
        spans.append((m.start(), m.end()))

    if m := _BETWEEN.search(folded):
        a, b = m.group(1), m.group(2)
        date_from, date_to = sorted((a, b))  # "between 2022 and 2020" means the same years
        take(m)
    else:
        if m := _SINCE.search(folded):
            date_from = m.group(1)
            take(m)
        if m := _UNTIL.search(folded):
            date_to = str(int(m.group(1)) - 1) if m.group(0).lower().startswith(("before", "قبل", "до")) else m.group(1)
            take(m)
    if not (date_from or date_to):
        for mention in explicit(folded):
            year = mention.year
            if year is None:  # "on 14 October": that day of any year
                spans.append((mention.start, mention.end))
                month = mention.month
                break
            if mention.day:
                try:
                    iso = dt.date(year, mention.month, mention.day).isoformat()
                except ValueError:
                    raise ImpossibleDate(question[mention.start:mention.end]) from None
            else:
                iso = f"{year:04d}-{mention.month:02d}"
            date_from = date_to = iso
            spans.append((mention.start, mention.end))
            break
    if not (date_from or date_to or month) and (m := _MONTH_ALONE.search(folded)):
        month = month_number(m.group("m"))  # "in May": May of any year the articles speak of
        take(m)
    if not (date_from or date_to or month):
        if m := _Q_RELATIVE.search(folded):
            if m.group("lastyear"):
                date_from = date_to = str(today.year - 1)
            elif m.group("thisyear"):
                date_from = date_to = str(today.year)
            elif m.group("lastmonth"):
                last = today.replace(day=1) - dt.timedelta(days=1)
                date_from = date_to = f"{last.year:04d}-{last.month:02d}"
            else:
                date_from = date_to = f"{today.year:04d}-{today.month:02d}"
            take(m)
        elif m := _BARE_YEAR.search(folded):
            date_from = date_to = m.group(1)
            take(m)
    order = ""
    if _LATEST.search(folded):
        order = "latest"
    elif _FIRST.search(folded):
        order = "first"
    return TimeAsked(date_from, date_to, order, month, tuple(spans))


def order_words(question: str) -> list[str]:
    """The words of a question that ask for the latest or the first."""
    folded = fold(question)
    return [m.group() for m in _LATEST.finditer(folded)] + [m.group() for m in _FIRST.finditer(folded)]


class ImpossibleDate(ValueError):
    """A question naming a day the calendar does not have (31 February)."""
