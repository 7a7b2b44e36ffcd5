"""When someone took office or left it, or forces withdrew: the dated sentence must tell that event.

"Когда Залкалиани стал министром иностранных дел Грузии?" finds Zalkaliani's statement of 8
October 2021: a sentence naming him, his office and a date, and the date is the statement's, not
the day he took office. A "when" question (bot/when.py undated) asking one of these milestones is
answered by a sentence that holds its rarest word, a date, and a word of the milestone's family
(تعيين، تولى، انتخاب for taking office; استقالة، إقالة for leaving it; انسحاب، سحب). A closed
class of events, read as the deed check reads agreements (bot/deed.py), not any verb: the articles tell most events in other words than the question's
("متى التقى بوتين باشينيان" / "الاجتماع الذي عقد في موسكو يوم 12 أكتوبر"; README, "Tried and
not kept"), while a milestone is told in its own few words. A birth too, told by a word of birth
or by the brackets encyclopaedic text dates a life in after the name ("عمر المختار (20 أغسطس
1858 - ...)"), which cost ARCD answerable questions while a life was read by its words alone (a
death the same). Not a founding: it is told in other words.
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
# A life, when and where someone was born or died (birth_untold below): told by a word of birth or
# death (not مولد\w*, which is also Moldova, مولدافيا) or by the brackets an encyclopaedia writes
# it in after the name, with a year ("جمال خاشقجي (13 أكتوبر 1958، المدينة المنورة - 2 أكتوبر
# 2018)", "شيرين عبد الوهاب (8 أكتوبر 1980)"; ARCD).
_BIRTH_ASKED = (r"\b(?:born|birthplace|place\s+of\s+birth|hometown|birthday)\b|(?<!\w)(?:родил\w*|родом|уроженец\w*|"
                r"мест\w*\s+рождени\w*|рождени\w*)|(?<!\S)(?:ولد|ولدت|مولده|مولدها|مسقط|ميلاد\w*)(?!\S)")
_DEATH_ASKED = (r"\b(?:die|died|dies|death)\b|(?<!\w)(?:умер\w*|скончал\w*|смерт\w*)|"
                r"(?<!\S)(?:توفي|توفيت|وفاه|وفاته|وفاتها)(?!\S)")
_LIFE_TOLD = r"ولد|ولدت|يولد|مولده|مولدها|مولود\w*|مواليد|ولاده\w*|مسقط|ميلاد\w*|توفي|توفيت|وفاه\w*|رحيله|رحيلها"
_LIFE = re.compile(r"\([^()]*\d{3,4}[^()]*\)")
_MILESTONES += (("life", f"{_BIRTH_ASKED}|{_DEATH_ASKED}", _LIFE_TOLD),)
_ASKED = tuple((name, re.compile(asked, re.IGNORECASE)) for name, asked, _ in _MILESTONES)
_ASKED_BY_NAME = dict(_ASKED)
_TOLD = {name: word_family(told) for name, _, told in _MILESTONES}


@dataclass(frozen=True)
class Milestone:
    name: str  # "taking office", "leaving office", "withdrawal" or "life" (birth, death)

    def told(self, sentence: str) -> bool:
        """Whether the sentence holds a word telling this milestone."""
        if _TOLD[self.name].search(normalize(sentence)):
            return True
        return self.name == "life" and bool(_LIFE.search(sentence))


def asks_milestone(word: str, milestone: Milestone) -> bool:
    """Whether a word of the question is one asking this milestone ("ولد", "توفي", "تولى"): the
    milestone's check reads it, it tells no event of its own."""
    return bool(_ASKED_BY_NAME[milestone.name].search(normalize(word)))


def asked_milestone(text: str) -> Milestone | None:
    """The milestone a question asks about, or None."""
    folded = normalize(text)
    return next((Milestone(name) for name, pattern in _ASKED if pattern.search(folded)), None)


# Where someone was born: "Где родился Джейхун Байрамов?" finds the minister's statements, every word
# the index reads (his two names) held, and quotes where he spoke. A place quoted answers only when
# a passage tells a birth (above).
_BIRTH_PLACE = re.compile(_BIRTH_ASKED, re.IGNORECASE)


def birth_untold(question: str, asks: str | None, passages: list[str]) -> str:
    """"birthplace" when the question asks where someone was born and no passage tells a birth, or ""."""
    if asks != "place" or not _BIRTH_PLACE.search(normalize(question)):
        return ""
    return "" if any(Milestone("life").told(text) for text in passages) else "birthplace"
