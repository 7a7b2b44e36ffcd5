"""question -> retrieve -> relevance gate -> prompt -> LLM -> checked citations -> Answer.

Without an LLM, or when it fails after its retries, the answer is extractive: the most relevant
sentences of the best passages, quoted and cited, labelled as quotations.
"""

from __future__ import annotations

import asyncio
import logging
import re
from dataclasses import asdict, dataclass, field
from typing import Callable, Sequence

import prompts
from retrieval.chunking import sentence_spans
from retrieval.index import Index
from retrieval.normalize import has_words, language_of, tokenize
from retrieval.search import Hit, hybrid

from . import citations
from .errors import BadQuestion, LLMError
from .llm import ChatModel, OnText
from .messages import LANGUAGE_NAMES, t

log = logging.getLogger(__name__)
Search = Callable[[Index, str, int], list[Hit]]
# A follow-up leans on the previous turn: short, or opening with "and"/"what about".
_FOLLOW_UP = re.compile(r"^\s*(و\s*(ماذا|ما|هل|كيف|متى|من|أين)|وماذا|ماذا عن|what about|and\b|how about|а\s|и\s|что насчёт|что насчет)",
                        re.IGNORECASE)


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

    def as_dict(self) -> dict:
        d = asdict(self)
        d["passages"] = [h.as_dict() for h in self.passages]
        return d


@dataclass
class AnswerSettings:
    k: int = 6
    relevance_threshold: float = 0.85  # dense similarity that alone makes a passage relevant
    min_coverage: float = 0.6  # or: this share of the question's terms in one passage
    history_turns: int = 4
    max_question_chars: int = 1000
    extract_passages: int = 3


class Answerer:
    def __init__(self, index: Index, llm: ChatModel | None = None, settings: AnswerSettings | None = None,
                 search: Search | None = None):
        self.index = index
        self.llm = llm
        self.settings = settings or AnswerSettings()
        self.search = search or (lambda idx, q, k: hybrid(idx, q, k))

    def check(self, question: str) -> str:
        """The question, stripped; raises BadQuestion for what cannot be asked."""
        q = (question or "").strip()
        if not q:
            raise BadQuestion("empty", "empty question")
        if len(q) > self.settings.max_question_chars:
            raise BadQuestion("too_long", f"question of {len(q)} characters")
        if not has_words(q):
            raise BadQuestion("no_words", "no words in the question")
        return q

    async def answer(self, question: str, history: Sequence[tuple[str, str]] = (),
                     on_text: OnText | None = None) -> Answer:
        q = self.check(question)
        lang = language_of(q)
        standalone = await self.standalone(q, history)
        hits = await asyncio.to_thread(self.search, self.index, standalone, self.settings.k)
        relevant = [h for h in hits if self.is_relevant(h)]
        base = dict(question=q, standalone=standalone, language=lang)
        if not relevant:
            # Nothing in the corpus is close: say so, and do not let the LLM guess.
            return Answer(**base, mode="not_found", text=t("not_found", lang), passages=hits)
        if self.llm is None:
            return self.extractive(base, standalone, hits)
        try:
            return await self._generate(base, standalone, hits, on_text)
        except LLMError:
            return self.extractive(base, standalone, hits, notice="llm_failed")

    def is_relevant(self, hit: Hit) -> bool:
        s = self.settings
        return (hit.dense_score or 0.0) >= s.relevance_threshold or hit.coverage >= s.min_coverage

    async def standalone(self, question: str, history: Sequence[tuple[str, str]]) -> str:
        """A follow-up ("وماذا عن أرمينيا؟") rewritten as a question that stands on its own."""
        turns = list(history)[-self.settings.history_turns:]
        if not turns:
            return question
        if self.llm is not None:
            convo = "\n".join(f"User: {q}\nAssistant: {a[:500]}" for q, a in turns)
            try:
                rewritten = (await self.llm.complete("You rewrite questions.",
                                                     prompts.render("condense", history=convo, question=question))).strip()
                if rewritten and has_words(rewritten) and len(rewritten) <= 3 * len(question) + 300:
                    return rewritten.splitlines()[0].strip()
            except LLMError:
                pass  # the heuristic below still gives retrieval the context it needs
        if _FOLLOW_UP.search(question) or len(tokenize(question)) <= 3:
            return f"{turns[-1][0]} {question}"
        return question

    async def _generate(self, base: dict, standalone: str, hits: list[Hit], on_text: OnText | None) -> Answer:
        keys = citations.issue_keys([h.passage_id for h in hits], salt=standalone)
        by_key = {keys[h.passage_id]: h for h in hits}
        lang = base["language"]
        system = prompts.render("system", not_found=citations.NOT_FOUND)
        user = prompts.render("answer", passages=format_passages(hits, keys), question=base["question"]
                              if base["question"] == standalone else f"{base['question']}\n(meaning: {standalone})",
                              language=LANGUAGE_NAMES[lang])

        stream = None
        if on_text is not None:
            async def stream(text: str) -> None:
                preview = citations.render_partial(text, set(by_key))
                if preview:
                    await on_text(preview)

        reply = await self.llm.complete(system, user, stream)
        resolved = citations.resolve(reply, set(by_key))
        if resolved.not_found and not resolved.order:
            return Answer(**base, mode="not_found", text=t("not_found", lang), passages=hits)
        if not resolved.order:
            log.info("LLM reply cited nothing usable (dropped keys: %s)", resolved.dropped_keys)
            answer = self.extractive(base, standalone, hits, notice="uncited")
            answer.dropped_keys = resolved.dropped_keys
            answer.removed_sentences = resolved.removed_sentences
            return answer
        sources = [_source(n, by_key[k], by_key[k].text) for n, k in enumerate(resolved.order, 1)]
        return Answer(**base, mode="llm", text=resolved.text, sources=sources, passages=hits,
                      dropped_keys=resolved.dropped_keys, removed_sentences=resolved.removed_sentences)

    def extractive(self, base: dict, standalone: str, hits: list[Hit], notice: str = "") -> Answer:
        lang = base["language"]
        terms = set(tokenize(standalone))
        chosen = [h for h in hits if self.is_relevant(h)][: self.settings.extract_passages] or hits[:1]
        lines, sources, quoted = [], [], set()
        for hit in chosen:
            sentence = best_sentence(hit.text, terms, skip=quoted)
            if sentence is None:  # overlapping passages: everything here was already quoted
                continue
            quoted.add(sentence)
            n = len(sources) + 1
            lines.append(f"«{sentence}» [{n}]")
            sources.append(_source(n, hit, hit.text))
        header = (t(notice, lang) + "\n" if notice else "") + t("extractive_header", lang)
        return Answer(**base, mode="extractive", text=header + "\n" + "\n".join(lines), sources=sources,
                      passages=hits, notice=notice)


def best_sentence(text: str, terms: set[str], limit: int = 400, skip: set[str] = frozenset()) -> str | None:
    """The sentence of a passage sharing most search terms with the question (the first on ties)."""
    best, best_score = "", -1.0
    for start, end in sentence_spans(text):
        sentence = text[start:end]
        if sentence in skip or (len(sentence) > limit and sentence[:limit].rsplit(" ", 1)[0] + "…" in skip):
            continue
        toks = set(tokenize(sentence))
        score = len(terms & toks) / (len(terms) or 1)
        if score > best_score and has_words(sentence):
            best, best_score = sentence, score
    if not best:
        return None
    return best if len(best) <= limit else best[:limit].rsplit(" ", 1)[0] + "…"


def format_passages(hits: list[Hit], keys: dict[str, str]) -> str:
    """Passages as delimited data; a passage cannot close its own tag and pose as instructions."""
    blocks = []
    for h in hits:
        body = h.text.replace("</passage", "< /passage")
        meta = " · ".join(x for x in (h.title, h.source, h.date) if x).replace('"', "'")
        blocks.append(f'<passage key="{keys[h.passage_id]}" about="{meta}">\n{body}\n</passage>')
    return "\n\n".join(blocks)


def _source(n: int, hit: Hit, quote: str) -> Source:
    return Source(n, hit.passage_id, hit.article_id, hit.title, hit.source, hit.date, hit.url, quote)
