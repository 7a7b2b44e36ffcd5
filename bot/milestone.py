"""When someone took office or left it, or forces withdrew: the dated sentence must tell that event.

"Когда Залкалиани стал министром иностранных дел Грузии?" finds Zalkaliani's statement of 8
October 2021: a sentence naming him, his office and a date, and the date is the statement's, not
the day he took office. A "when" question (bot/when.py undated) asking one of these milestones is
answered by a sentence that holds its rarest word, a date, and a word of the milestone's family
(تعيين، تولى، انتخاب for taking office; استقالة، إقالة for leaving it; انسحاب، سحب). A closed
class of events, read as the deed check reads agreements (bot/deed.py), not any verb: the articles tell most events in other words than the question's
("متى التقى بوتين باشينيان" / "الاجتماع الذي عقد في موسكو يوم 12 أكتوبر"; README, "Tried and
not kept"), while a milestone is told in its own few words. Not birth, death or founding:
encyclopaedic text dates a life in brackets after the name ("عمر المختار (20 أغسطس 1858 - ...)")
and a founding in other words, and ARCD lost six answerable questions to them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from retrieval.normalize import normalize, word_family

# An office a question says someone became ("became foreign minister", "стал министром", "أصبح
# رئيساً"): "became" alone also asks "When did Armenia become independent?", which no office word tells.
_OFFICE_EN = r"(?:minister|president|premier|prime|leader|head|chair\w*|secretary|ambassador|envoy|governor|mayor|commander|speaker|king|queen|emperor|pope)"
_OFFICE_RU = r"(?:министр\w*|президент\w*|премьер\w*|глав\w*|председател\w*|посл\w*|руководител\w*|секретар\w*|губернатор\w*|мэр\w*|командующ\w*|спикер\w*|корол\w*|императ\w*)"
_OFFICE_AR = r"(?:وزير\w*|رييس\w*|رئيس\w*|زعيم\w*|سفير\w*|امين\w*|محافظ\w*|قايد\w*|قائد\w*|ملك\w*|امبراطور\w*|مبعوث\w*)"

# What the question asks (as the veto's reason names it), the question's words for it (matched on
# normalize()d text: lower case, Arabic letters folded), and the words of a sentence that tell it.
_MILESTONES = (
    ("taking office",
     rf"\b(?:become|became|becomes)\s+(?:\S+\s+){{0,3}}?{_OFFICE_EN}\b|"
     r"\b(?:appointed|elected|took\s+office|take\s+office|assumed\s+office|sworn\s+in|inaugurated)\b|"
     rf"(?<!\w)(?:стал|стала|стали|станет)\s+(?:\S+\s+){{0,3}}?{_OFFICE_RU}|"
     r"(?<!\w)(?:назначен\w*|назначил\w*|избран\w*|избрал\w*|вступил\w*\s+в\s+должност\w*)|"
     rf"(?<!\S)(?:اصبح|اصبحت|صار|صارت)\s+(?:\S+\s+){{0,3}}?{_OFFICE_AR}|"
     r"(?<!\S)(?:تولى|تولت|عين|عينت|انتخب|انتخبت|تسلم|تسلمت)(?!\S)",
     r"عين|عينت|عينه|عينها|تعيين\w*|تولي\w*|تولى|تولت|يتولى|تتولى|اصبح\w*|يصبح|صار|صارت|اختير\w*|"
     r"اختيار\w*|انتخب\w*|انتخاب\w*|فاز|فوز\w*|تنصيب\w*|منصب\w*|تسلم\w*|خلف\w*|اليمين"),
    ("leaving office",
     r"\b(?:resign\w*|step\s+down|stepped\s+down|steps\s+down|quit|dismissed|fired|sacked|ousted|left\s+office)\b|"
     r"(?<!\w)(?:отставк\w*|уш[её]л\s+с\s+пост\w*|уволен\w*|уволил\w*|снят\w*\s+с\s+должност\w*|покинул\w*\s+пост\w*)|"
     r"(?<!\S)(?:استقال|استقالت|تنحى|تنحت|اقيل|اقيلت|اعفي|غادر\s+منصب\w*)(?!\S)",
     r"استقال\w*|استقاله\w*|تنحي\w*|تنحى|تنحت|اقيل\w*|اقاله\w*|اعفاء\w*|اعفي\w*|عزل\w*|غادر\w*|ترك\w*|"
     r"خلف\w*|رحيل\w*|منصب\w*"),
    # forces or a mission leaving a place: "When did Russia withdraw its peacekeepers?" is not
    # answered by the date they were deployed
    ("withdrawal",
     r"\b(?:withdr[ae]w\w*|withdrawn|pull\s+out|pulled\s+out|pulls\s+out|evacuated)\b|"
     r"(?<!\w)(?:вывел\w*|вывед\w*|вывод\w*|отв[её]л\w*|отвед[её]н\w*|покинул\w*)|"
     r"(?<!\S)(?:سحبت|سحب|انسحبت|انسحب|اخرجت|غادرت|غادر)(?!\S)",
     r"سحب\w*|انسحاب\w*|انسحب\w*|غادر\w*|مغادر\w*|خروج\w*|اخراج\w*|اجلاء\w*|رحيل\w*"),
)
_ASKED = tuple((name, re.compile(asked, re.IGNORECASE)) for name, asked, _ in _MILESTONES)
_TOLD = {name: word_family(told) for name, _, told in _MILESTONES}


@dataclass(frozen=True)
class Milestone:
    name: str  # "taking office", "leaving office" or "withdrawal"

    def told(self, sentence: str) -> bool:
        """Whether the sentence holds a word telling this milestone."""
        return bool(_TOLD[self.name].search(normalize(sentence)))


def asked_milestone(text: str) -> Milestone | None:
    """The milestone a question asks about, or None."""
    folded = normalize(text)
    return next((Milestone(name) for name, pattern in _ASKED if pattern.search(folded)), None)


# Where someone was born: "Где родился Джейхун Байрамов?" finds the minister's statements, every word
# the index reads (his two names) held, and quotes where he spoke. A place quoted answers only when
# a passage tells a birth, in the few words news and encyclopaedias tell it in (ولد في، من مواليد،
# مسقط رأسه), or the brackets an encyclopaedia writes a life in after the name, a year and a dash
# ("جمال خاشقجي (13 أكتوبر 1958، المدينة المنورة - 2 أكتوبر 2018)"; ARCD). Not "when was X born"
# (see above).
_BIRTH_ASKED = re.compile(r"\b(?:born|birthplace|place\s+of\s+birth|hometown)\b|(?<!\w)(?:родил\w*|родом|уроженец\w*|"
                          r"мест\w*\s+рождени\w*)|(?<!\S)(?:ولد|ولدت|مولد\w*|مسقط)(?!\S)", re.IGNORECASE)
_BIRTH_TOLD = word_family(r"ولد|ولدت|يولد|مولد\w*|مولود\w*|مواليد|ولاده\w*|مسقط")
_LIFE = re.compile(r"\([^()]*\d{3,4}[^()]*[-–][^()]*\)")


def birth_untold(question: str, asks: str | None, passages: list[str]) -> str:
    """"birthplace" when the question asks where someone was born and no passage tells a birth, or ""."""
    if asks != "place" or not _BIRTH_ASKED.search(normalize(question)):
        return ""
    told = any(_BIRTH_TOLD.search(normalize(text)) or _LIFE.search(text) for text in passages)
    return "" if told else "birthplace"
