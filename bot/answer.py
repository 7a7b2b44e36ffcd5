"""question -> analyse -> retrieve -> decide -> prompt -> LLM -> checked citations -> Answer.

The decision (bot/decision.py) says whether the passages hold the answer. Without an LLM it must
be sure (precision first): a weak case gets "the articles do not seem to answer this", with the
closest passages offered under that label. With an LLM only clearly irrelevant questions are
stopped before the call; the LLM decides the rest with its not-found marker (recall first).
Without an LLM, or when it fails after its retries, the answer is extractive: the sentence of
each best passage that holds the question's informative words and the kind of thing it asks for
(a date for "when", a number for "how many"...), quoted and cited, labelled as quotations.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import re
from dataclasses import asdict, dataclass, field, replace
from typing import Callable, Sequence

import prompts
from retrieval.chunking import sentence_spans
from retrieval.dates import ImpossibleDate, TimeAsked, passage_dates
from retrieval.index import Index
from retrieval.normalize import analyze, has_words, is_arabic, language_of
from retrieval.question import Question
from retrieval.search import Hit, hybrid, term_weights

from . import citations, qualifiers, when
from .config import AnswerSettings
from .decision import SENTENCE_DEPTH, Decision, decide, gather, llm_threshold, untold_deed
from .errors import BadQuestion, LLMError
from .extract import best_sentence
from .llm import ChatModel, OnText
from .messages import LANGUAGE_NAMES, t
from .support import ClaimCheck

log = logging.getLogger(__name__)
Search = Callable[[Index, Question, int], list[Hit]]
# A follow-up leans on the previous turn: short, or opening with "and"/"what about".
_FOLLOW_UP = re.compile(r"^\s*(و\s*(ماذا|ما|هل|كيف|متى|من|أين)|وماذا|ماذا عن|what about|and\b|how about|а\s|и\s|что насчёт|что насчет)",
                        re.IGNORECASE)


@dataclass(frozen=True)
class Asking:
    """A question that passed the checks: its text (stripped), the asker's language (ar, en, ru),
    and what it says about time."""
    text: str
    language: str
    time: TimeAsked = TimeAsked()


@dataclass
class Source:
    n: int
    passage_id: str
    article_id: str
    title: str
    source: str
    date: str
    url: str
    quote: str


@dataclass
class Answer:
    question: str
    standalone: str
    language: str
    mode: str  # llm | extractive | not_found
    text: str
    sources: list[Source] = field(default_factory=list)
    passages: list[Hit] = field(default_factory=list)
    notice: str = ""  # why an LLM answer became extractive: llm_failed | uncited
    dropped_keys: list[str] = field(default_factory=list)
    removed_sentences: list[str] = field(default_factory=list)
    # Cited sentences removed because a date, number or name in them is not in what they cite.
    unsupported: list[dict] = field(default_factory=list)
    decision: Decision | None = None
    translation: str = ""  # the question in Arabic, when the LLM translated it for retrieval

    def as_dict(self) -> dict:
        d = asdict(self)
        d["passages"] = [h.as_dict() for h in self.passages]
        d["decision"] = self.decision.as_dict() if self.decision else None
        return d


class Answerer:
    def __init__(self, index: Index, llm: ChatModel | None = None, settings: AnswerSettings | None = None,
                 search: Search | None = None):
        self.index = index
        self.llm = llm
        self.settings = settings or AnswerSettings()
        self.search = search or (lambda idx, q, k: hybrid(idx, q, k))
        self._rewrites: dict[tuple, tuple[str, str]] = {}
        self.today = dt.date.today  # "last year" is measured from here (tests set a day)

    def check(self, question: str) -> Asking:
        """The question checked once, with the asker's language; raises BadQuestion (in that language)."""
        q = (question or "").strip()
        lang = language_of(q) if q else "ar"
        if not q:
            raise BadQuestion("empty", "empty question", lang)
        if len(q) > self.settings.max_question_chars:
            raise BadQuestion("too_long", f"question of {len(q)} characters", lang)
        if not has_words(q):
            raise BadQuestion("no_words", "no words in the question", lang)
        try:
            time = when.asked(q, self.today())
        except ImpossibleDate as exc:
            raise BadQuestion("impossible_date", str(exc), lang) from None
        return Asking(q, lang, time)

    async def answer(self, question: str | Asking, history: Sequence[tuple[str, str]] = (),
                     on_text: OnText | None = None) -> Answer:
        asking = question if isinstance(question, Asking) else self.check(question)
        q, time = asking.text, asking.time
        turns = list(history)[-self.settings.history_turns:]
        standalone, arabic = await self.standalone(q, turns)
        question_ = await asyncio.to_thread(self.understand, q, standalone, arabic, turns)
        if question_.context:  # not rewritten: history keeps the follow-up with what it leans on
            standalone = f"{question_.context} {q}"
        lang = "en" if question_.foreign else question_.language
        translation = arabic if arabic and arabic != standalone else ""
        k, evidence = self.settings.k, question_
        announced = ""
        if time:
            # The words that say the time are checked as dates, not as words passages must hold.
            evidence = when.without_time(question_, time, q)
            if time.has_range and not evidence.search_terms:  # "what happened in May 2023?"
                found = await asyncio.to_thread(when.events, self.index, time, k)
                base = dict(question=q, standalone=standalone, language=lang, translation=translation)
                if self.llm is None or not found:
                    return self.events_answer(base, time, found)
                # With an LLM, it tells the events from their passages (recall first), cited and checked.
                hits = when.event_hits(self.index, found)
                base["decision"] = Decision(True, 1.0, [f"{len(found)} events the articles date in {when.describe(time)}"])
                try:
                    return await self._generate(base, question_, hits, on_text)
                except LLMError:
                    return self.events_answer(base | {"decision": None}, time, found)
            hits = candidates = await asyncio.to_thread(self.search, self.index, question_, k * 3)
            ranked = await asyncio.to_thread(when.rank, self.index, hits, time, evidence)
            hits, announced = ranked.hits[:k], when.announcement(ranked, q)
            if not ranked.dated:  # no passage speaks of that time: its words must be held as words
                evidence = question_
        else:
            hits = await asyncio.to_thread(self.search, self.index, question_, k)
        weighed = evidence if evidence.search_terms else question_
        gathered = gather(self.index, weighed, hits)
        gathered.announced = announced
        if self.llm is None and not announced:  # a veto offline only: an LLM reads the dates itself
            gathered.announced = await asyncio.to_thread(when.announced_event, self.index, weighed,
                                                         hits[:SENTENCE_DEPTH], q)
        if self.llm is None and time.has_range and gathered.pair == "xx" and not gathered.apart:
            gathered.apart = await asyncio.to_thread(self._apart_then, weighed, candidates, time)
        if self.llm is None and time.has_range and not gathered.undone:
            gathered.undone = await asyncio.to_thread(self._undone_then, weighed, hits[:SENTENCE_DEPTH], time)
        if self.llm is None:
            threshold = self.settings.threshold
        else:
            threshold = self.settings.threshold_llm
            if threshold is None:
                threshold = llm_threshold(gathered.pair)
        decision = decide(gathered, threshold, offline=self.llm is None)
        base = dict(question=q, standalone=standalone, language=lang, decision=decision, translation=translation)
        if evidence.search_terms:
            question_ = evidence  # quotations hold the words asked about, not "latest" or "2023"
        if not decision.answerable:
            return self.not_found(base, question_, hits)
        if self.llm is None:
            return self.extractive(base, question_, hits, keep_order=bool(time.order))
        try:
            return await self._generate(base, question_, hits, on_text)
        except LLMError:
            return self.extractive(base, question_, hits, notice="llm_failed", keep_order=bool(time.order))

    def _apart_then(self, question: Question, candidates: list[Hit], time) -> str:
        """The people or places an English or Russian question names together with a time, held
        together by the candidates but in no passage about that time: "" when some passage about
        it holds two of them, or none speaks of it (the time's words then stay evidence)."""
        among = when.timed(self.index, candidates, time)
        if not among:
            return ""
        found = qualifiers.apart(question.search_terms, [h.text for h in candidates], self.index.names(),
                                 within=[h.text for h in among], text=question.text)
        return f"{found}, in the passages about {when.describe(time)}" if found else ""

    def _undone_then(self, question: Question, quoted: list[Hit], time) -> str:
        """What the question asks was agreed (promised, proposed, demanded) at the time it names,
        when the passages to be quoted tell it only in passages about other times: "ما الذي اتفق
        عليه بوتين وباشينيان في اجتماع موسكو يوم 12 أكتوبر 2021؟" finds the 12 October meeting
        (nothing agreed) and, beside it, "the agreements" of their talks in February. "" when no
        quoted passage is about that time (its words then stay evidence) or all of them are."""
        among = when.timed(self.index, quoted, time)
        if not among or len(among) == len(quoted):
            return ""
        found = untold_deed(self.index, question, among)
        return f"{found}, in the passages about {when.describe(time)}" if found else ""

    def events_answer(self, base: dict, time, found) -> Answer:
        """The events the articles date in the asked time, each quoted with its date and cited."""
        base = {key: value for key, value in base.items() if key != "decision"}
        lang = base["language"]
        if not found:
            decision = Decision(False, 0.0, [f"no article speaks of a date in {when.describe(time)}"])
            return Answer(**base, decision=decision, mode="not_found", text=t("no_events", lang, when=when.describe(time)))
        hits = when.event_hits(self.index, found)
        by_pid = {h.passage_id: h for h in hits}
        lines, sources, numbers = [], [], {}
        for event in found:
            hit = by_pid.get(event.sources[0]["passage_id"])
            if hit is None:
                continue
            if hit.passage_id not in numbers:  # one passage telling several events is one source
                numbers[hit.passage_id] = len(sources) + 1
                sources.append(_source(numbers[hit.passage_id], hit, hit.text))
            lines.append(f"{event.date}: «{event.text}» [{numbers[hit.passage_id]}]")
        decision = Decision(True, 1.0, [f"{len(found)} events the articles date in {when.describe(time)}"])
        return Answer(**base, decision=decision, mode="extractive", sources=sources, passages=hits,
                      text=t("events_header", lang, when=when.describe(time)) + "\n" + "\n".join(lines))

    def understand(self, question: str, standalone: str, arabic: str, turns) -> Question:
        """The question analysed once against the index: terms, names across scripts, translation."""
        if standalone == question and turns and _is_follow_up(question):
            # Not rewritten (no LLM, or it failed): the follow-up's own words first, the previous
            # question's after.
            return self.index.analyse(question).following(self.index.analyse(turns[-1][0]))
        analysed = self.index.analyse(standalone)
        if standalone != question:
            # A rewritten follow-up is still answered in the language the reader wrote in.
            analysed = replace(analysed, language=language_of(question))
        if arabic and arabic != standalone and is_arabic(arabic):
            analysed = analysed.with_translation(self.index.analyse(arabic))
        return analysed

    def not_found(self, base: dict, question: Question, hits: list[Hit]) -> Answer:
        """The refusal; with some evidence, the closest passages under a label saying they are not an answer."""
        lang, decision = base["language"], base["decision"]
        if not hits or decision is None or decision.confidence < self.settings.closest_floor:
            return Answer(**base, mode="not_found", text=t("not_found", lang), passages=hits)
        lines, sources = self._quotes(question, hits[:2])
        if not lines:  # nothing close enough holds a word of the question
            return Answer(**base, mode="not_found", text=t("not_found", lang), passages=hits)
        return Answer(**base, mode="not_found", text=t("not_found_closest", lang) + "\n" + "\n".join(lines),
                      sources=sources, passages=hits)

    async def standalone(self, question: str, history: Sequence[tuple[str, str]]) -> tuple[str, str]:
        """The question made standalone, and in Arabic when an LLM can translate it.

        With an LLM one short call does both, for a follow-up ("وماذا عن أرمينيا؟") and for any
        English or Russian question (the Arabic wording gives the Arabic index words to match);
        the result is cached. Without one (or when it fails) the question stays as written and a
        follow-up is searched with the previous question's words filling in (see understand()).
        """
        turns = list(history)[-self.settings.history_turns:]
        if self.llm is None or not (turns or not is_arabic(question)):
            return question, ""
        key = (tuple((q, a[:500]) for q, a in turns), question)
        if key in self._rewrites:
            return self._rewrites[key]
        convo = "\n".join(f"User: {q}\nAssistant: {a[:500]}" for q, a in turns) or "(none)"
        try:
            reply = await self.llm.complete(prompts.render("condense_system"),
                                            prompts.render("condense", history=convo, question=question), short=True)
        except LLMError:
            return question, ""  # retrieval still works from the question as written
        result = _parse_rewrite(reply, question)
        if len(self._rewrites) >= self.settings.rewrite_cache:
            self._rewrites.pop(next(iter(self._rewrites)))
        self._rewrites[key] = result
        return result

    async def _generate(self, base: dict, question: Question, hits: list[Hit], on_text: OnText | None) -> Answer:
        standalone = base["standalone"]
        keys = citations.issue_keys([h.passage_id for h in hits], salt=standalone)
        by_key = {keys[h.passage_id]: h for h in hits}
        lang = base["language"]
        system = prompts.render("system", not_found=citations.NOT_FOUND)
        # The reader's words stay verbatim; a rewrite and a translation are added beside them.
        asked = base["question"]
        if standalone != asked:
            asked += f"\n(meaning: {standalone})"
        if base["translation"]:
            asked += f"\n(in Arabic: {base['translation']})"
        await asyncio.to_thread(self.index.ensure_dates)
        spoken = when.dates_of(self.index, [h.passage_id for h in hits])
        user = prompts.render("answer", passages=format_passages(hits, keys, spoken), question=asked,
                              language=LANGUAGE_NAMES[lang])

        # Only checked text reaches the reader, in the preview as in the final answer.
        check = ClaimCheck(self.index, by_key).reason
        stream = None
        if on_text is not None:
            shown, complete = "", ""

            async def stream(text: str) -> None:
                nonlocal shown, complete
                # Most chunks end inside a sentence: nothing new to check or show.
                done = citations.complete_part(text)
                if done == complete:
                    return
                complete = done
                preview = citations.resolve(done, set(by_key), check).text
                if preview and preview != shown:
                    shown = preview
                    await on_text(preview)

        reply = await self.llm.complete(system, user, stream)
        resolved = citations.resolve(reply, set(by_key), check)
        if resolved.not_found and not resolved.order:
            return Answer(**base, mode="not_found", text=t("not_found", lang), passages=hits)
        if not resolved.order:
            log.info("LLM reply cited nothing usable (dropped keys: %s)", resolved.dropped_keys)
            answer = self.extractive(base, question, hits, notice="uncited")
            answer.dropped_keys = resolved.dropped_keys
            answer.removed_sentences = resolved.removed_sentences
            answer.unsupported = resolved.unsupported
            return answer
        sources = [_source(n, by_key[k], by_key[k].text) for n, k in enumerate(resolved.order, 1)]
        return Answer(**base, mode="llm", text=resolved.text, sources=sources, passages=hits,
                      dropped_keys=resolved.dropped_keys, removed_sentences=resolved.removed_sentences,
                      unsupported=resolved.unsupported)

    def extractive(self, base: dict, question: Question, hits: list[Hit], notice: str = "",
                   keep_order: bool = False) -> Answer:
        lang = base["language"]
        # The best passages of the search, the one holding most of the question's informative
        # words quoted first (search order on ties); for "latest"/"first" the order by date stands.
        ranked = hits[: self.settings.extract_passages]
        if not keep_order:
            ranked = sorted(ranked, key=lambda h: -h.coverage)
        lines, sources = self._quotes(question, ranked)
        header = (t(notice, lang) + "\n" if notice else "") + t("extractive_header", lang)
        return Answer(**base, mode="extractive", text=header + "\n" + "\n".join(lines), sources=sources,
                      passages=hits, notice=notice)

    def _quotes(self, question: Question, hits: list[Hit]) -> tuple[list[str], list[Source]]:
        """One quoted sentence per passage, cited [1], [2]...; a sentence is never quoted twice."""
        weighted = term_weights(self.index, question.search_terms)
        lines, sources, quoted = [], [], set()
        # When any of these passages holds the question's words, every quoted sentence must hold
        # one (a passage may match by its title alone); when none does (the embedder found them
        # all, e.g. an English question with no name the articles spell), each shows its best.
        need_terms = any(h.coverage > 0 for h in hits)
        for hit in hits:
            sentence = best_sentence(hit.text, weighted, question.asks, skip=quoted, need_terms=need_terms,
                                     follow=True, unit=question.unit)
            if sentence is None:  # already quoted (overlapping passages), or none of the question's words
                continue
            quoted.add(sentence)
            # A quotation of two sentences: neither is quoted again from an overlapping passage.
            quoted.update(sentence[a:b] for a, b in sentence_spans(sentence))
            n = len(sources) + 1
            # A quotation says when: the date it speaks of, else the day its article appeared.
            said = passage_dates(sentence, hit.date)
            day = said[0].iso if said else hit.date
            lines.append(f"«{sentence}» [{n}]" + (f" ({day})" if day else ""))
            sources.append(_source(n, hit, hit.text))
        return lines, sources


def _is_follow_up(question: str) -> bool:
    """A question leaning on the previous turn: opening with "and"/"what about", or nearly wordless."""
    return bool(_FOLLOW_UP.search(question)) or len(analyze(question)) <= 1


def _parse_rewrite(reply: str, question: str) -> tuple[str, str]:
    """(standalone question, Arabic) from the rewrite reply; tolerant of a one-line reply."""
    standalone, arabic = "", ""
    lines = [ln.strip() for ln in (reply or "").splitlines() if ln.strip()]
    for line in lines:
        label, _, rest = line.partition(":")
        if label.strip().upper() == "QUESTION":
            standalone = rest.strip()
        elif label.strip().upper() == "ARABIC":
            arabic = rest.strip()
    if not standalone and lines and ":" not in lines[0][:12] and citations.NOT_FOUND not in lines[0]:
        standalone = lines[0]  # a model that answered with the rewritten question alone
    if not standalone or not has_words(standalone) or len(standalone) > 3 * len(question) + 300:
        standalone = question
    if arabic and (not is_arabic(arabic) or len(arabic) > 3 * len(question) + 300):
        arabic = ""
    return standalone, arabic


_ANGLE = str.maketrans({"<": "‹", ">": "›", '"': "'"})
_TAG_START = re.compile(r"<(?=\s*/?\s*[A-Za-z])")


def _neutral(text: str, limit: int | None = None) -> str:
    """Metadata that can neither open nor close an element of the prompt, nor leave its attribute."""
    text = (text or "").translate(_ANGLE)
    return text[:limit] if limit else text


def _neutral_body(text: str) -> str:
    """A passage kept verbatim but for anything that could start a tag (</passage>, <system>)."""
    return _TAG_START.sub("‹", text)


def format_passages(hits: list[Hit], keys: dict[str, str], spoken: dict[str, list[str]] | None = None) -> str:
    """Passages as delimited data: neither body nor metadata can close its element and pose as instructions.

    Each carries its article's date and the dates it speaks of, so the answer can say when
    things happened, not when they were reported.
    """
    blocks = []
    for h in hits:
        body = _neutral_body(h.text)
        meta = " · ".join(" ".join(_neutral(x, 300).split()) for x in (h.title, h.source, h.date) if x)
        dates = sorted(set((spoken or {}).get(h.passage_id, [])))
        if dates:
            meta += " · speaks of: " + ", ".join(dates[:12])
        blocks.append(f'<passage key="{keys[h.passage_id]}" about="{meta}">\n{body}\n</passage>')
    return "\n\n".join(blocks)


def _source(n: int, hit: Hit, quote: str) -> Source:
    return Source(n, hit.passage_id, hit.article_id, hit.title, hit.source, hit.date, hit.url, quote)
