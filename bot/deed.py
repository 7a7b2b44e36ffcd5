"""What someone agreed, promised, proposed or demanded: a quoted sentence must tell that deed.

"ما الذي اتفق عليه باشينيان وعلييف في بروكسل؟" finds the Brussels meeting of Pashinyan, Aliyev
and Michel, and nothing agreed there: every word of the question is in the passage (اتفق in
another story of it), and a quotation would present the meeting as its outcome. "Что пообещала
Турция в отношении шестистороннего формата?" finds Turkey proposing the format and, in the next
sentence, Iran promising its help: Turkey promised nothing. "What did the Georgian opposition
propose instead?" finds the opposition criticising a statement.

A question that asks what was agreed or signed, promised, proposed, or demanded (English,
Russian or Arabic; `asked_deed`) is answered by a sentence that tells the deed (a word of its
family: اتفق، اتفاق، توصل، وقع for an agreement; تعهد، وعد، التزم for a promise; اقترح، طرح،
مبادرة، دعا for a proposal; طالب، دعا، حث for a demand), names whoever the question says did it
(all the parties to an agreement, any one of the others) when it names someone, and
speaks of what the question is about: its rarest word that the passages hold is in that
sentence or the one before ("اجتماع ثلاثي في بروكسل ..." then "واتفق الزعيمان على ..."). `undone`
gives what no quoted sentence tells that way; the offline decision refuses on it
(bot/decision.py). With an LLM, the LLM reads the passages and decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from retrieval.chunking import sentence_spans
from retrieval.normalize import analyze, normalize, sentence_tokens, strip_marks, word_family
from retrieval.question import Term, meets, phrase_until_clause, terms_in, tokens_needed

from .said import reports

# The deeds, by the words questions ask them with.
_EN_VERB = {"agree": "agreed", "agreed": "agreed", "sign": "agreed", "signed": "agreed",
            "promise": "promised", "promised": "promised", "pledge": "promised", "pledged": "promised",
            "vow": "promised", "vowed": "promised",
            # not "suggest": "What does the report suggest its growth has done?" asks what it implies
            "propose": "proposed", "proposed": "proposed",
            "demand": "demanded", "demanded": "demanded", "urge": "demanded", "urged": "demanded"}
_RU_VERB = (("договори", "agreed"), ("согласова", "agreed"), ("услови", "agreed"), ("подписа", "agreed"),
            ("заключи", "agreed"), ("пообеща", "promised"),
            ("обеща", "promised"), ("обязал", "promised"), ("предложи", "proposed"), ("предлага", "proposed"),
            ("потребова", "demanded"), ("требова", "demanded"), ("требу", "demanded"), ("призва", "demanded"),
            ("призыва", "demanded"))
_AR_VERB = (("اتفق", "agreed"), ("الاتفاق", "agreed"), ("توصل", "agreed"), ("وقع", "agreed"), ("أبرم", "agreed"),
            ("ابرم", "agreed"), ("تعهد", "promised"),
            ("وعد", "promised"), ("التزم", "promised"), ("اقترح", "proposed"), ("طرح", "proposed"),
            ("طالب", "demanded"), ("دعا", "demanded"), ("دعت", "demanded"), ("حث", "demanded"), ("ناشد", "demanded"))

# "What did X agree / promise / propose …"; "What was agreed at …" (nobody named as doing it).
_EN = re.compile(r"\bwhat\s+(?:did|does|do|has|have|had|will|would)\s+(?P<actor>.+?)\s+"
                 rf"(?P<verb>{'|'.join(_EN_VERB)})\b", re.IGNORECASE)
_EN_PASSIVE = re.compile(r"\bwhat\s+(?:was|were|has\s+been|had\s+been|is|are)\s+"
                         rf"(?P<verb>{'|'.join(v for v in _EN_VERB if v.endswith('ed'))})\b", re.IGNORECASE)
# "What agreement did Armenia and Turkey sign?", "Какое соглашение подписали …", "ما الاتفاق الذي وقعته …".
_EN_THING = re.compile(r"\bwhat\s+(?:agreements?|deals?|treat(?:y|ies)|accords?|documents?|declarations?)\s+"
                       r"(?:did|does|do|has|have|had|will|would)\s+(?P<actor>.+?)\s+(?:sign|reach|conclude|adopt)\w*\b",
                       re.IGNORECASE)
_RU_THING = re.compile(r"(?<!\w)как\w*\s+(?:соглашени|договор|документ|деклараци|заявлени)\w*\s+"
                       r"(?P<verb>(?:подписа|заключи|приня)\w*)(?P<after>[^?]*)", re.IGNORECASE)
_AR_THING = re.compile(r"(?:^|\s)(?:ما|ماذا)\s+(?:هو\s+|هي\s+)?(?:الاتفاق|الاتفاقية|المعاهدة|الوثيقة|البيان|الإعلان)\s+"
                       r"(?:الذي|التي|الذى)\s+(?P<verb>(?:وقع|أبرم|ابرم|اعتمد)\S*)(?P<after>[^؟?]*)")
# "Что пообещала Турция …", "О чём договорились Пашинян и Алиев в …", "Что Лавров предложил?".
_RU = re.compile(r"(?<!\w)(?:что|о\s+ч[её]м|на\s+ч[её]м|к\s+чему|чего)\s+(?:(?P<before>[^?]+?)\s+)?"
                 rf"(?P<verb>(?:{'|'.join(stem for stem, _ in _RU_VERB)})\w*)(?P<after>[^?]*)", re.IGNORECASE)
# "ما الذي اتفق عليه X وY في …", "ماذا اقترح X؟", "بماذا تعهدت X؟", "على ماذا اتفق …".
_AR = re.compile(r"(?:^|\s)(?:[وف]?ماذا|ما\s+الذ[يى]|بماذا|علام|على\s+ماذا|ما\s+الذي\s+تم|إلام|الام|إلى\s+ماذا)\s+"
                 rf"(?P<verb>(?:{'|'.join(stem for stem, _ in _AR_VERB)})\S*)(?P<after>[^؟?]*)")
_SAY = re.compile(r"\b(?:say|said|says|report|reported|announce|announced|state|stated|claim|claimed)\b", re.I)
# The doer named after a Russian or Arabic verb ends at a preposition (retrieval/question.py
# phrase_until_clause); before it may stand the pronoun that takes the thing agreed ("اتفق عليه
# باشينيان" → باشينيان).
_ATTACHED = re.compile(r"^\S*")  # the rest of the verb: "وقعته | أرمينيا وتركيا"
_PRONOUN = re.compile(r"^\s*(?:عليه|عليها|به|بها|له|لها)(?!\S)")

# A sentence telling the deed, as normalize() folds it (اتفاقية → اتفاقيه, وقّع → وقع), with
# و/ف/ب/ل or the article before the word.
_DEED_WORDS = {
    "agreed": r"اتفق\w*|اتفاق\w*|توصل\w*|تفاهم\w*|توافق\w*|وقع|وقعا|وقعوا|وقعت|يوقع\w*|توقيع\w*|قرر\w*|اقر|اقرا|اقروا",
    "promised": r"تعهد\w*|وعد|وعدت|وعدا|وعود|يعد|تعد|التزام\w*|التزم\w*|يلتزم\w*|تلتزم\w*|استعداد\w*|مستعد\w*",
    "proposed": r"اقترح\w*|اقتراح\w*|مقترح\w*|طرح|طرحت|طرحا|طرحوا|يطرح|مبادر\w*|بمبادر\w*|عرض|عرضت|دعا|دعت|دعوه",
    "demanded": r"طالب|طالبت|طالبا|طالبوا|يطالب\w*|تطالب\w*|مطالب\w*|دعا|دعت|دعوا|يدعو|تدعو|دعوه|يحث|تحث|"
                # "stressed the need / the importance of": news's way of urging ("شدد على ضرورة")
                r"ناشد\w*|يناشد\w*|اشترط\w*|شرط|ضروره|اهميه",
}
_DEED = {deed: word_family(words) for deed, words in _DEED_WORDS.items()}
# حث (urged) only after و: with ب it is بحث, "discussed", the commonest verb of these articles.
_DEED["demanded"] = re.compile(_DEED["demanded"].pattern + r"|(?<!\w)و?حثت?(?!\w)")


@dataclass(frozen=True)
class Deed:
    deed: str  # agreed, promised, proposed or demanded
    # Who the question says did it (all of them for an agreement, any one otherwise): each its
    # words (word, the token sets a sentence must all meet), all of which name it.
    actors: tuple[tuple[tuple[str, tuple[frozenset[str], ...]], ...], ...]


def asked_deed(text: str, terms: Iterable[Term]) -> Deed | None:
    """The deed a question asks about and who it names as doing it, or None."""
    text = strip_marks(text)
    actor_span = ""
    if m := _EN_THING.search(text):
        deed, actor_span = "agreed", m["actor"]
    elif m := _RU_THING.search(text):
        deed, actor_span = "agreed", phrase_until_clause(m["after"])
    elif m := _AR_THING.search(text):
        after = _PRONOUN.sub("", _ATTACHED.sub("", m["after"]))
        deed, actor_span = "agreed", phrase_until_clause(after)
    elif m := _EN.search(text):
        deed, actor_span = _EN_VERB[m["verb"].lower()], m["actor"]
        if _SAY.search(actor_span):  # "What did the Kremlin say was agreed": the Kremlin tells it
            actor_span = ""
    elif m := _EN_PASSIVE.search(text):
        deed = _EN_VERB[m["verb"].lower()]
    elif m := _RU.search(text):
        verb = m["verb"].lower()
        deed = next(d for stem, d in _RU_VERB if verb.startswith(stem))
        actor_span = m["before"] or phrase_until_clause(m["after"])
    elif m := _AR.search(text):
        deed = next(d for stem, d in _AR_VERB if m["verb"].startswith(stem))
        actor_span = phrase_until_clause(_PRONOUN.sub("", m["after"]))
        if m["verb"].startswith("وقع") and not actor_span.strip():
            return None  # "ماذا وقع في مينسك؟" asks what happened there, not what was signed
    else:
        return None
    actors = []
    for doer in _doers(actor_span):
        group = tuple((t.word, tokens_needed(t)) for t in terms_in(doer, terms) if not tells_deed(t.word))
        if group:
            actors.append(group)
    return Deed(deed, tuple(actors))


def _doers(span: str) -> list[str]:
    """Each doer a span names: "Pashinyan and Aliyev" are two, all parties to an agreement or
    either of whom made a promise; "the Georgian opposition" is one, which a sentence must name
    whole. An Arabic و is "and" when the word without it reads as the same word (وعلييف), not in
    وزير."""
    groups: list[list[str]] = [[]]
    for word in re.findall(r"\w[\w'-]*|,", span):
        tokens = [token for _, token in analyze(word)]
        if word.lower() in {",", "and", "or", "и", "или"} or (
                word.startswith("و") and len(word) > 3 and tokens and tokens == [t for _, t in analyze(word[1:])]):
            groups.append([])
        if word != ",":
            groups[-1].append(word)
    return [" ".join(group) for group in groups if group]


def tells_deed(word: str) -> bool:
    """A word of any deed's family (the question's own اتفق is not what the deed is about)."""
    folded = normalize(word)
    return any(pattern.search(folded) for pattern in _DEED.values())


def undone(asked: Deed | None, anchor: Term | None, passages: Sequence[str]) -> str:
    """"who / deed" when no sentence of the passages tells the deed of the question, or "".

    `anchor`: the question's rarest word the passages hold (bot/when.py event_word), which the
    sentence, or the one before it, must hold; None when they hold none (nothing to check)."""
    if asked is None or anchor is None:
        return ""
    about = tokens_needed(anchor)
    for text in passages:
        sentences = [text[start:end] for start, end in sentence_spans(text)]
        tokens = [sentence_tokens(s) for s in sentences]
        for i, sentence in enumerate(sentences):
            if not _DEED[asked.deed].search(normalize(sentence)):
                continue
            # An agreement is between its parties, all of whom the sentence names ("وقع الرئيسان");
            # a promise or a proposal is any one doer's.
            # A sentence that goes on reporting ("وفي الوقت ذاته، أكد الوزير الروسي على أهمية ...")
            # speaks for whoever the sentence before it names.
            said_by = [i, i - 1] if i > 0 and reports(sentence) else [i]
            named = [any(all(meets(tokens[j], needed) for _, needed in doer) for j in said_by)
                     for doer in asked.actors]
            if asked.actors and not (all(named) if asked.deed == "agreed" else any(named)):
                continue
            if any(meets(tokens[j], about) for j in (i - 1, i) if j >= 0):
                return ""
    who = " / ".join(" ".join(word for word, _ in doer) for doer in asked.actors)
    return f"{who}: {asked.deed}" if who else asked.deed
