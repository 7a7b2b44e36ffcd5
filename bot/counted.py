"""What a "how many" counts: a sentence that names the counted thing must give its number near it.

"How many Russian peacekeepers were deployed to Karabakh?" finds the sentence on what followed
the peacekeepers' arrival: "ولم يتم تسجيل سوى حالة انتهاك وقف إطلاق النار واحدة، كما عاد عشرات
الآلاف من سكان قره باغ ... تحت غطاء من الوحدة الروسية حفظ السلام". It names the peacekeepers and
gives two quantities, one violation and tens of thousands of residents, each beside the thing it
counts and a dozen words from the peacekeepers. A number counts the noun beside it ("ألفي جندي من
قوات حفظ السلام", "عدد قوات حفظ السلام 1960"), so a sentence that names the counted thing counts
it only with a quantity at most NEAR words before it or after it.

Since stop 37 the decision (bot/decision.py) also asks that the passage that counts speak of the
rest of the question at least half as much as the quoted passage that speaks of it most ("كم عدد
الجنود الروس الذين تمركزوا على خط التماس؟" is not answered by a distractor's "أصيب ستة جنود", in a
story with no line of contact), and that the quantity not be a length of time ("منذ قرابة ثلاثة
عقود" counts decades, not soldiers).

A sentence that does not name the counted thing is left as the decision reads it (bot/decision.py):
answers to "how many" often count it in another word ("كم عدد الولايات" / "خمسين ولاية", a broken
plural), and requiring the question's noun in the counting sentence cost XQuAD and ARCD more
answerable questions than it refused held-out ones (README, "Tried and not kept").
"""

from __future__ import annotations

import re
from typing import Iterable

from retrieval.normalize import has_arabic, sentence_tokens, strip_marks
from retrieval.question import Term, phrase_until_clause, terms_in, tokens_needed

from .extract import quantities

# The counted thing follows the question word: "how many | Russian peacekeepers | were deployed",
# "сколько | российских миротворцев | размещено", "كم عدد | جنود حفظ السلام الروس | في قره باغ".
_ASKED = (
    re.compile(r"\bhow\s+(?:many|much)\s+(?P<thing>.+)", re.IGNORECASE),
    re.compile(r"(?<!\w)сколько\s+(?P<thing>.+)", re.IGNORECASE),
    re.compile(r"(?:^|\s)(?:[وف]?كم|ما|ما\s+هو|ما\s+هي)\s+(?:عدد|أعداد|اعداد)\s+(?P<thing>.+)"),
    re.compile(r"(?:^|\s)[وف]?كم\s+(?P<thing>.+)"),
)
# Where it ends: a preposition or relative word (retrieval/question.py), an English auxiliary
# ("how many peacekeepers | were deployed"), or من ("كم عدد القتلى | من الجانبين").
_END = r"were|was|are|is|did|do|does|have|has|had|will|would|can|could|من"
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_RU_ADJECTIVE = re.compile(r"(?:ий|ый|ой|ая|яя|ое|ее|ие|ые|ого|его|ому|ему|ым|им|ых|их|ую|юю|ыми|ими)$", re.IGNORECASE)
# The words an Arabic "how many / how much" opens its counted thing with, which say what the number
# measures, not what it belongs to: "كم بلغ ثمن الفرقاطة" counts the frigate's price, "كم يبلغ عدد
# سكان المدينة" its inhabitants. Beside them, half of the thing's words were these in a sentence
# that named the thing once ("صفقة بقيمة 5.2 مليار يورو تشمل أيضا فرقاطة": the deal's value, not the
# frigate's).
_FRAME = re.compile(r"^(?:(?:[يت]?بلغ|بلغت|كان|كانت|يكون|تكون|ثمن|سعر|قيمة|تكلفة|كلفة|مبلغ|حجم|عدد|أعداد|اعداد)\s+)+")

# A question that asks a count of things, whatever they are: "how many", "сколько" (its units,
# money and time are read first: retrieval/question.py asked_unit), "كم عدد / ما عدد". Answered by
# a count, not by a percentage or a sum of money (extract.counts_things), even when the counted
# word is one the index cannot read ("How many employees…").
ASKS_COUNT = re.compile(r"\bhow\s+many\b|(?<!\w)сколько\b|(?:^|\s)(?:[وف]?كم|ما|ما\s+هو|ما\s+هي)\s+"
                        r"(?:(?:[يت]?بلغ|بلغت|كان|كانت)\s+)?(?:عدد|أعداد|اعداد)(?!\w)", re.IGNORECASE)

# How near a number stands to what it counts: the noun follows it ("ألفي جندي من قوات حفظ السلام",
# "عشرات الآلاف من سكان"), or the number follows the noun's count ("قوات حفظ السلام البالغ عددها
# 1960"). Further away it counts the noun beside it: "عدة مناطق لسيطرة باكو، كما انتشرت قوات".
NEAR = 3


def asked_counted(text: str, terms: Iterable[Term]) -> tuple[tuple[str, tuple[frozenset[str], ...]], ...]:
    """The counted thing of a "how many" question: its words an Arabic passage can hold, each with
    the token sets a sentence must meet; () when it names none the index reads.

    The thing is what follows the question word up to an auxiliary, a preposition or a relative
    word ("جنود حفظ السلام الروس", "Russian peacekeepers"); in English and Russian at most its first
    words (an adjective or two and the noun; in Russian its adjectives and the noun after them).
    """
    text = strip_marks(text)
    m = next((m for pattern in _ASKED if (m := pattern.search(text))), None)
    if not m:
        return ()
    thing = phrase_until_clause(m["thing"], also=_END)
    if _CYRILLIC.search(thing):
        # Russian has no auxiliary to end on: its adjectives, then the noun ("российских
        # миротворцев"; "очков | Бронкос набрал": the points, not the team that scored them)
        words = thing.split()
        end = next((i for i, word in enumerate(words) if not _RU_ADJECTIVE.search(word)), len(words) - 1)
        thing = " ".join(words[:end + 1])
    elif not has_arabic(thing):
        thing = " ".join(thing.split()[:3])  # at most an adjective or two and the noun ("Russian peacekeepers")
    else:
        thing = _FRAME.sub("", thing)  # "كم بلغ ثمن | الفرقاطة": the price of the frigate counts the frigate
    return tuple((t.word, tokens_needed(t)) for t in terms_in(thing, terms))


def counted_elsewhere(counted, sentence: str) -> bool:
    """The sentence names the counted thing (half its words or more), and every quantity it gives
    stands more than NEAR words from them: its numbers count something else. Half, because a
    sentence writes the thing in words of its own ("جنود حفظ السلام" / "قوات روسية لحفظ السلام")."""
    if not counted:
        return False
    tokens = sentence_tokens(sentence)
    needed = [need for _, needs in counted for need in needs]
    if 2 * sum(bool(tokens & need) for need in needed) < len(needed):
        return False
    words = [(m.start(), m.end(), sentence_tokens(m.group())) for m in re.finditer(r"\S+", sentence)]
    at = [i for i, (_, _, held) in enumerate(words) if any(held & need for need in needed)]
    for start, _ in quantities(sentence):
        i = next((i for i, (a, b, _) in enumerate(words) if a <= start < b), None)
        if i is not None and any(0 < j - i <= NEAR or 0 <= i - j <= NEAR for j in at):
            return False
    return True
