"""Answer-or-refuse evaluation: is each question answered from the right passage, or refused?

A question marked answerable counts as right when the bot answers it (mode llm or extractive)
and an evidence phrase (SQuAD: an answer text, in a passage of the gold context) is inside one of
the cited sources. A question marked unanswerable counts as right when the bot refuses it
(mode not_found). With an LLM, `reached` also records whether the evidence was in the prompt
the LLM was given (what retrieval and the gate can guarantee, whatever the LLM then writes).
Offline, `first` records whether an answerable question answered with quotations has its
evidence in the first quotation: what a reader reads first, where the cited passage is only
what the quotation comes from.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections import defaultdict
from dataclasses import asdict, dataclass, field

from retrieval.evaluate import Question
from retrieval.normalize import language_of, normalize

from .answer import Answerer


@dataclass
class Outcome:
    id: str
    language: str
    kind: str
    answerable: bool
    mode: str
    right: bool
    confidence: float
    reached: bool | None = None  # evidence in the LLM's prompt (with an LLM)
    called: bool | None = None  # the LLM was asked to answer (with an LLM)
    first: bool | None = None  # evidence in the first quotation (an extractive answer)
    # Why the bot answered or refused (Decision.reasons): what an analyst reads first when a
    # question went the wrong way.
    reasons: list[str] = field(default_factory=list)


@dataclass
class Tally:
    n: int = 0
    right: int = 0
    answerable: int = 0
    answered_right: int = 0
    unanswerable: int = 0
    refused: int = 0
    reached: int = 0
    called_unanswerable: int = 0
    quoted: int = 0  # answerable questions answered with quotations
    first: int = 0  # ... whose evidence is in the first quotation

    def add(self, o: Outcome) -> None:
        self.n += 1
        self.right += o.right
        if o.answerable:
            self.answerable += 1
            self.answered_right += o.right
            self.reached += bool(o.reached)
            if o.first is not None:
                self.quoted += 1
                self.first += o.first
        else:
            self.unanswerable += 1
            self.refused += o.right
            self.called_unanswerable += bool(o.called)

    def as_dict(self, with_llm: bool) -> dict:
        d = {"n": self.n, "right": _share(self.right, self.n),
             "answerable_answered": _share(self.answered_right, self.answerable),
             "unanswerable_refused": _share(self.refused, self.unanswerable),
             "answerable": self.answerable, "unanswerable": self.unanswerable}
        if self.quoted:
            d["evidence_in_first_quote"] = _share(self.first, self.quoted)
        if with_llm:
            d["evidence_in_prompt"] = _share(self.reached, self.answerable)
            d["unanswerable_sent_to_llm"] = _share(self.called_unanswerable, self.unanswerable)
        return d


def _share(a: int, b: int) -> float | None:
    return round(a / b, 3) if b else None


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)
    with_llm: bool = False
    seconds: float = 0.0

    def summary(self) -> dict:
        groups: dict[str, Tally] = defaultdict(Tally)
        for o in self.outcomes:
            for key in ("all", f"lang:{o.language}", f"kind:{o.kind}"):
                groups[key].add(o)
        order = sorted(groups, key=lambda k: (k != "all", k))
        return {k: groups[k].as_dict(self.with_llm) for k in order}

    def wrong(self) -> list[str]:
        return [o.id for o in self.outcomes if not o.right]

    def as_dict(self) -> dict:
        return {"summary": self.summary(), "wrong": self.wrong(), "seconds": round(self.seconds, 1),
                "outcomes": [asdict(o) for o in self.outcomes]}


class PromptRecorder:
    """Wraps the chat model and keeps the last answer prompt, to see what reached the LLM."""

    def __init__(self, inner):
        self.inner = inner
        self.prompts: list[str] = []

    async def complete(self, system: str, user: str, on_text=None, short: bool = False) -> str:
        self.prompts.append(user)
        return await self.inner.complete(system, user, on_text)


_QUOTATION = re.compile(r"«(.*?)»", re.S)


def _first_quotation(text: str) -> str:
    m = _QUOTATION.search(text)
    return m.group(1) if m else ""


def _holds(text: str, phrases: list[str]) -> bool:
    norm = normalize(text)
    return any(p and normalize(p) in norm for p in phrases)


async def _one(answerer: Answerer, q: Question, answerable: bool, recorder: PromptRecorder | None) -> Outcome:
    before = len(recorder.prompts) if recorder else 0
    answer = await answerer.answer(q.question)
    cited = [s for s in answer.sources if q.gold_article is None or s.article_id == q.gold_article]
    answered = answer.mode != "not_found"
    right = (answered and _holds(" ".join(s.quote for s in cited), q.evidence)) if answerable else not answered
    reached = called = None
    if recorder is not None:
        answer_prompts = [p for p in recorder.prompts[before:] if "<passage" in p]
        called = bool(answer_prompts)
        given = [h for h in answer.passages if q.gold_article is None or h.article_id == q.gold_article]
        reached = called and _holds(" ".join(h.text for h in given), q.evidence)
    first = _holds(_first_quotation(answer.text), q.evidence) if answerable and answer.mode == "extractive" else None
    confidence = answer.decision.confidence if answer.decision else 0.0
    return Outcome(q.id, language_of(q.question), q.kind, answerable, answer.mode, bool(right), round(confidence, 4),
                   reached, called, first, list(answer.decision.reasons) if answer.decision else [])


def evaluate_decisions(answerer: Answerer, answerable: list[Question], unanswerable: list[Question]) -> Report:
    """Ask every question in turn (one event loop) and score the answer/refuse decisions."""
    recorder = None
    if answerer.llm is not None:
        recorder = PromptRecorder(answerer.llm)
        answerer.llm = recorder
    report = Report(with_llm=recorder is not None)
    started = time.perf_counter()

    async def run() -> None:
        for q in answerable:
            report.outcomes.append(await _one(answerer, q, True, recorder))
        for q in unanswerable:
            report.outcomes.append(await _one(answerer, q, False, recorder))

    try:
        asyncio.run(run())
    finally:
        if recorder is not None:
            answerer.llm = recorder.inner
    report.seconds = time.perf_counter() - started
    return report
