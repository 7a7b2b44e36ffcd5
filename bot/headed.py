"""Who heads, leads or commands something: a quoted sentence must name someone in that place.

"من قاد الوحدة الروسية التي عاد تحت غطائها سكان قره باغ؟" finds the sentence on the Russian unit
under whose cover the residents came back, and no word of anyone leading it; "Кто возглавляет
миротворческий контингент России?" finds the peacekeepers deployed; "من يرأس مجموعة العمل على
مستوى نواب رؤساء الحكومات؟" finds the working group of deputy heads of government. Each quotation
holds what the question names and nobody at its head: the office check (qualifiers.unheld) reads
"من هو قائد ..." but not the question that asks it with a verb.

The thing headed is what follows the verb up to its first preposition or relative word ("the
Russian peacekeepers | in Karabakh"), read as far as an Arabic passage can hold it (a phrase
whole: مجموعة عمل). In Arabic the noun comes first and what follows qualifies it ("الاجتماع |
الثلاثي لوزراء الخارجية"), so its first such word is the thing; in English and Russian the
adjective comes first, so all of them are: the first alone let "Кто командует российскими
миротворцами?" meet "الرئيس الروسي" with a head beside it. A sentence answers when it holds the
thing and a word for a head or for heading
(رئيس، برئاسة، ترأس، قائد، بقيادة، قاد، زعيم، وزير، أمين، مدير). Not the plurals: "نواب رؤساء
الحكومات" are heads of other things.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from retrieval.chunking import sentence_spans
from retrieval.normalize import analyze_written, has_arabic, normalize, sentence_tokens, strip_marks, word_family
from retrieval.question import Term, meets, phrase_until_clause, terms_in, tokens_needed


_ASKED = (
    re.compile(r"^\s*who\s+(?:heads|headed|leads|led|commands|commanded|chairs|chaired|runs|ran|"
               r"is\s+(?:heading|leading|commanding|chairing|in\s+charge\s+of))\s+(?P<thing>.+)", re.IGNORECASE),
    re.compile(r"^\s*кто\s+(?:возглав\w*|руковод\w*|командует|командовал\w*|председательств\w*)\s+(?P<thing>.+)",
               re.IGNORECASE),
    re.compile(r"^\s*[وف]?من\s+(?:هو\s+|هي\s+)?(?:الذي\s+|التي\s+)?"
               r"(?:يرأس|ترأس|يترأس|تترأس|ترأست|رأس|يقود|تقود|قاد|قادت|يتزعم|تزعم|يدير|تدير|أدار|ادار)\s+(?P<thing>.+)"),
)
# A head, or heading, in a passage's sentence as normalize() folds it (رئيس → رييس, أ → ا), with a
# clitic or the article before it.
_HEAD = word_family(r"رييس|رييسه|برياسه|رياسه|يراس|تراس|يتراس|تتراس|"
                    r"راس|قايد|بقياده|يقود|تقود|قاد|قادت|زعيم|زعيمه|يتزعم|تزعم|وزير|وزيره|امين|مدير|مديره|"
                    r"يدير|تدير|ادار|منسق|قايده")



@dataclass(frozen=True)
class Headed:
    word: str  # the thing headed, as the question's term writes it
    needed: tuple[frozenset[str], ...]  # the token sets a sentence must all meet to hold it


def asked_head(text: str, terms: Iterable[Term]) -> Headed | None:
    """What a question asks the head or leader of, or None."""
    text = strip_marks(text)
    m = next((m for pattern in _ASKED if (m := pattern.search(text))), None)
    if not m:
        return None
    held = terms_in(phrase_until_clause(m["thing"]), terms)
    if not held:
        return None
    if has_arabic(m["thing"]):
        held = held[:1]  # the head noun comes first in Arabic; what follows qualifies it
    return Headed(" ".join(t.word for t in held), tuple(need for t in held for need in tokens_needed(t)))


def unheaded(asked: Headed | None, passages: Sequence[str]) -> str:
    """The thing asked about when no sentence of the passages holds it with a head in its clause, or ""."""
    if asked is None:
        return ""
    for text in passages:
        for start, end in sentence_spans(text):
            sentence = text[start:end]
            if meets(sentence_tokens(sentence), asked.needed) and _HEAD.search(normalize(sentence)) and \
                    _head_near(asked, sentence):
                return ""
    return asked.word


# A head heads what stands in its clause: "رئيس المجلس الأوروبي", "الوحدة الروسية بقيادة الجنرال",
# "اجتماع ثلاثي في بروكسل ... بين رئيس الوزراء الأرميني ... ورئيس المجلس الأوروبي". Past a comma, a
# colon or a bracket it heads something else: "جرت محادثة هاتفية بين وزير الخارجية الأذربيجاني ...
# ووزير الخارجية الروسي سيرغي لافروف، ناقش خلالها الطرفان ...، بما في ذلك أنشطة الفريق العامل"
# names two ministers and a working group nobody heads.
_CLAUSE_END = re.compile(r"[،,؛;:()\[\]«»\"]")


def _head_near(asked: Headed, sentence: str) -> bool:
    """Whether a word for a head or heading stands in one clause of the sentence with a word of
    the thing (a head is read as written, with its clitic: بقيادة)."""
    wanted = frozenset().union(*asked.needed)
    for clause in _CLAUSE_END.split(sentence):
        words = analyze_written(clause)
        if any(token in wanted for _, token, _ in words) and \
                any(_HEAD.fullmatch(normalize(written)) for _, _, written in words):
            return True
    return False
