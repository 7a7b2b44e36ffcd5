"""Retrieval evaluation: hit@1, hit@k, MRR@10, overall and per question kind, and the misses.

Two formats: dev_qa-style JSONL (id, question, evidence, kind, answerable) over the current
index, and SQuAD JSON whose contexts become a throw-away corpus. A hit is a passage in the top k
that contains an evidence phrase after normalisation (SQuAD: the gold context's answer).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .article import Article
from .normalize import normalize

MRR_DEPTH = 10


@dataclass
class Question:
    id: str
    question: str
    kind: str
    evidence: list[str]
    gold_article: str | None = None  # SQuAD: the context the question was asked about


@dataclass
class Scores:
    k: int
    n: int = 0
    hit1: int = 0
    hitk: int = 0
    rr: float = 0.0
    misses: list[str] = field(default_factory=list)

    def add(self, qid: str, rank: int | None) -> None:
        self.n += 1
        if rank is not None:
            self.hit1 += rank == 1
            self.hitk += rank <= self.k
            self.rr += 1.0 / rank if rank <= MRR_DEPTH else 0.0
        if rank is None or rank > self.k:
            self.misses.append(qid)

    def as_dict(self) -> dict:
        n = max(self.n, 1)
        return {"n": self.n, "hit@1": round(self.hit1 / n, 3), f"hit@{self.k}": round(self.hitk / n, 3),
                "mrr@10": round(self.rr / n, 3), "misses": self.misses}


def is_squad(path: Path) -> bool:
    if path.suffix == ".jsonl":
        return False
    with path.open(encoding="utf-8") as fh:
        head = fh.read(4096)
    return head.lstrip().startswith("{") and '"data"' in head


def has_decisions(path: Path) -> bool:
    """A dev file whose questions say whether they are answerable (so refusals can be scored)."""
    return any('"answerable"' in line for line in path.read_text(encoding="utf-8").splitlines())


def load_dev_qa(path: Path) -> tuple[list[Question], list[Question]]:
    """(answerable questions, unanswerable questions)."""
    answerable, unanswerable = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        q = Question(str(row["id"]), row["question"], row.get("kind", "all"), row.get("evidence") or [])
        (answerable if row.get("answerable", bool(q.evidence)) else unanswerable).append(q)
    return answerable, unanswerable


def load_squad(path: Path, questions_from: Path | None = None,
               hold_out: int = 0) -> tuple[list[Article], list[Question], list[Question]]:
    """(indexed contexts, answerable questions, unanswerable questions) of a SQuAD file.

    questions_from: another SQuAD file with the same question ids (XQuAD in another language):
    its question texts are asked, this file's contexts and answers are the truth.
    hold_out N: every N-th context is left out of the index; its questions become on-topic
    questions the corpus cannot answer.
    """
    data = json.loads(path.read_text(encoding="utf-8"))
    texts: dict[str, str] = {}
    if questions_from is not None:
        other = json.loads(questions_from.read_text(encoding="utf-8"))
        texts = {str(qa["id"]): qa["question"] for doc in other["data"] for para in doc["paragraphs"]
                 for qa in para["qas"]}
    articles, answerable, unanswerable = [], [], []
    n = 0
    for d, doc in enumerate(data["data"]):
        for p, para in enumerate(doc["paragraphs"]):
            aid = f"ctx{d:03d}-{p:02d}"
            held = hold_out > 0 and n % hold_out == hold_out - 1
            n += 1
            if not held:
                articles.append(Article(id=aid, text=para["context"], title=doc.get("title", "")))
            for qa in para["qas"]:
                qid = str(qa["id"])
                if texts and qid not in texts:
                    continue
                answers = [a["text"] for a in qa.get("answers", []) if a.get("text", "").strip()]
                text = texts.get(qid, qa["question"]).strip(" -")
                if held:
                    unanswerable.append(Question(qid, text, "held_out", [], None))
                else:
                    answerable.append(Question(qid, text, "squad", answers, aid))
    return articles, answerable, unanswerable


def rank_of_hit(question: Question, hits) -> int | None:
    """1-based rank of the first passage that answers the question, or None."""
    phrases = [normalize(e) for e in question.evidence if e.strip()]
    for rank, hit in enumerate(hits, 1):
        if question.gold_article is not None and hit.article_id != question.gold_article:
            continue
        text = normalize(hit.text)
        if any(p in text for p in phrases) or (question.gold_article is not None and not phrases):
            return rank
    return None


def evaluate(search, questions: list[Question], k: int, modes=("hybrid", "dense", "lexical")) -> dict:
    """search(question, depth, mode) -> hits. Returns {mode: {"all": scores, kind: scores}}."""
    out: dict = {}
    for mode in modes:
        per_kind: dict[str, Scores] = defaultdict(lambda: Scores(k))
        total = Scores(k)
        for q in questions:
            hits = search(q.question, max(k, MRR_DEPTH), mode)
            rank = rank_of_hit(q, hits)
            total.add(q.id, rank)
            per_kind[q.kind].add(q.id, rank)
        out[mode] = {"all": total.as_dict(), **{kind: s.as_dict() for kind, s in sorted(per_kind.items())}}
    return out
