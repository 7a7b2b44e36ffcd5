"""Fit the answer/refuse model (bot/decision.py) on public data and write bot/decision.json.

  python bench/calibrate_decision.py            # fit, print the held-out figures, write the file
  python bench/calibrate_decision.py --dry-run  # fit and print only

Data: XQuAD (the public third in ../shared/eval/xquad-dev: Arabic contexts, questions in Arabic,
English and Russian) and ARCD (Arabic), each indexed with every 3rd context held out. A question
on an indexed context whose gold passage is among the passages an extractive answer would quote
is a positive ("answering is right"); a question on a held-out context is a negative (on-topic,
but the corpus cannot answer it). Questions whose gold passage is not retrieved are left out:
neither answering nor refusing is right for them.

One logistic model per language pair: "ar" (Arabic questions, fitted on XQuAD-ar + ARCD) and
"xx" (English and Russian questions, fitted on XQuAD-en + XQuAD-ru). Seven features and a bias
for Arabic (bot/decision.py FEATURES), eight for English/Russian (the latent terms too, and a
model without them for an embedder that has none), with an L2 penalty: few enough parameters
that they cannot memorise 2,000 questions. Answerable and held-out questions weigh the same in
the fit (see fit()), and both figures are printed: accuracy as the sets are mixed (2:1) and
balanced (1:1).
Cross-checks printed: ar fitted on XQuAD alone and tested on ARCD; xx fitted on English and
tested on Russian, and the reverse.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import numpy as np

from common import ROOT, SHARED

from bot.answer import AnswerSettings
from bot.decision import CALIBRATION, CROSS_LINGUAL_FEATURES, FEATURES, READ_POWER, blend, gather
from retrieval import evaluate as ev
from retrieval.embeddings import CachedEmbedder, LocalE5Embedder
from retrieval.index import Index
from retrieval.ingest import ingest
from retrieval.search import hybrid

HOLD_OUT = 3
QUOTED = AnswerSettings().extract_passages
# With an LLM the gate only stops what is clearly irrelevant: its threshold per pair is the
# highest of GATE_GRID that stops at most GATE_LOSS of the answerable public questions.
GATE_LOSS = 0.01
GATE_GRID = (0.05, 0.1, 0.15, 0.2, 0.25, 0.3)
# What is gathered per question: the features, and the share of an English or Russian question's
# information the Arabic index reads (how far the Arabic model speaks for it: decision.blend).
COLUMNS = CROSS_LINGUAL_FEATURES + ("read_information",)


def features(index: Index, questions, answerable: bool) -> tuple[list[list[float]], list[int]]:
    xs, ys = [], []
    k = AnswerSettings().k
    for q in questions:
        question = index.analyse(q.question)
        hits = hybrid(index, question, k)
        if answerable:
            rank = ev.rank_of_hit(q, hits[:QUOTED])
            if rank is None:
                continue  # not retrieved: no decision is right
        xs.append(gather(index, question, hits).vector(COLUMNS))
        ys.append(1 if answerable else 0)
    return xs, ys


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1.0, iters: int = 50) -> tuple[float, np.ndarray]:
    """Logistic regression by Newton's method (IRLS) with an L2 penalty on the weights.

    The two classes weigh the same in the fit (each question weighs n / (2 n_class)): the public
    sets hold about two answerable questions for one held-out by construction (every 3rd context
    held out), a ratio a reader's questions need not follow. Fitted on the sets as they are,
    confidence 0.5 would mean "2:1 odds against answering" and the offline bar would lean towards
    quoting, the wrong way for precision first. Balanced, 0.5 means as likely answerable as not.
    """
    a = np.hstack([np.ones((len(x), 1)), x])
    s = np.where(y == 1, len(y) / (2.0 * max(1, int(y.sum()))), len(y) / (2.0 * max(1, int((y == 0).sum()))))
    w = np.zeros(a.shape[1])
    penalty = np.eye(a.shape[1]) * l2
    penalty[0, 0] = 0.0  # the bias is not penalised
    for _ in range(iters):
        p = 1.0 / (1.0 + np.exp(-a @ w))
        grad = a.T @ (s * (p - y)) + penalty @ w
        hess = a.T @ (a * (s * p * (1 - p))[:, None]) + penalty
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return float(w[0]), w[1:]


def probability(bias: float, weights: np.ndarray, x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(bias + x @ weights)))


def gate(p: np.ndarray, y: np.ndarray) -> tuple[float, float, float]:
    """The LLM gate's threshold for confidences p: the highest on the grid that stops at most
    GATE_LOSS of the answerable questions; with the shares of answerable and held-out questions
    it stops."""
    best = GATE_GRID[0]
    for threshold in GATE_GRID:
        if (p[y == 1] < threshold).mean() <= GATE_LOSS:
            best = threshold
    return best, float((p[y == 1] < best).mean()), float((p[y == 0] < best).mean())


def accuracy(bias: float, weights: np.ndarray, x: np.ndarray, y: np.ndarray, threshold: float = 0.5) -> float:
    """Share right as the set is mixed (about 2 answerable : 1 held out)."""
    return right(probability(bias, weights, x), y, threshold)


def balanced(bias: float, weights: np.ndarray, x: np.ndarray, y: np.ndarray, threshold: float = 0.5) -> float:
    """Mean of the shares right among answerable and among held-out questions (a 1:1 mix)."""
    return right_balanced(probability(bias, weights, x), y, threshold)


def right(p: np.ndarray, y: np.ndarray, threshold: float = 0.5) -> float:
    return float(((p >= threshold) == (y == 1)).mean())


def right_balanced(p: np.ndarray, y: np.ndarray, threshold: float = 0.5) -> float:
    return float(((p[y == 1] >= threshold).mean() + (p[y == 0] < threshold).mean()) / 2)


def dataset(name: str, squad: Path, questions_from: Path | None, embedder, workdir: Path):
    articles, answerable, unanswerable = ev.load_squad(squad, questions_from, HOLD_OUT)
    index = Index(workdir / name, embedder)
    ingest(index, articles)
    xa, ya = features(index, answerable, True)
    xu, yu = features(index, unanswerable, False)
    x, y = np.array(xa + xu), np.array(ya + yu)
    print(f"{name:<10} {len(y):>5} questions ({int(y.sum())} answerable and retrieved, {int((y == 0).sum())} held out)",
          flush=True)
    return x, y


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true")
    parser.add_argument("--dump", type=Path, help="also save the feature matrices (npz) for analysis")
    parser.add_argument("--cache", type=Path, default=ROOT / "data" / "embeddings.sqlite",
                        help="vector cache shared with talks (default: data/embeddings.sqlite)")
    args = parser.parse_args()
    xquad, arcd = SHARED / "eval" / "xquad-dev", SHARED / "eval" / "arcd-train.json"
    if not xquad.exists() or not arcd.exists():
        print(f"missing public data: {xquad} and {arcd} (the shared folder beside the repository)", file=sys.stderr)
        return 2
    embedder = CachedEmbedder(LocalE5Embedder(), args.cache)
    with tempfile.TemporaryDirectory(prefix="calibrate-") as tmp:
        work = Path(tmp)
        data = {
            "xq-ar": dataset("xq-ar", xquad / "xquad.ar.json", None, embedder, work),
            "xq-en": dataset("xq-en", xquad / "xquad.ar.json", xquad / "xquad.en.json", embedder, work),
            "xq-ru": dataset("xq-ru", xquad / "xquad.ar.json", xquad / "xquad.ru.json", embedder, work),
            "arcd": dataset("arcd", arcd, None, embedder, work),
        }

    if args.dump:
        np.savez(args.dump, **{f"{n}_x": d[0] for n, d in data.items()}, **{f"{n}_y": d[1] for n, d in data.items()})

    # The columns of each feature set: an Arabic question has no latent-term feature (retrieval
    # compares latent terms for cross-lingual questions only).
    columns = {f: i for i, f in enumerate(COLUMNS)}

    def stack(*names, features=FEATURES):
        cols = [columns[f] for f in features]
        return np.vstack([data[n][0][:, cols] for n in names]), np.concatenate([data[n][1] for n in names])

    print("\ncross-checks (fit on one set, accuracy at 0.5 on another: as mixed / balanced 1:1):")
    for train, test, features in ((("xq-ar",), "arcd", FEATURES), (("xq-en",), "xq-ru", FEATURES),
                                  (("xq-ru",), "xq-en", FEATURES), (("xq-en",), "xq-ru", CROSS_LINGUAL_FEATURES),
                                  (("xq-ru",), "xq-en", CROSS_LINGUAL_FEATURES)):
        b, w = fit(*stack(*train, features=features))
        label = "+latent" if "latent" in features else ""
        print(f"  fit {'+'.join(train) + label:<16} test {test:<6} "
              f"{accuracy(b, w, *stack(test, features=features)):.3f} / {balanced(b, w, *stack(test, features=features)):.3f}")

    def model(names, features):
        x, y = stack(*names, features=features)
        b, w = fit(x, y)
        print(f"  {', '.join(features)}: bias {b:+.3f}, " + ", ".join(f"{f} {v:+.3f}" for f, v in zip(features, w))
              + f"; training accuracy {accuracy(b, w, x, y):.3f} (balanced {balanced(b, w, x, y):.3f}) on {len(y)}")
        return {"features": list(features), "bias": round(b, 4), "weights": [round(float(v), 4) for v in w]}, (b, w, x, y)

    def blended(fitted, *names, power=READ_POWER):
        """Confidences of English/Russian questions: the cross-lingual model blended with the
        Arabic one by the share of each question's information the Arabic index reads."""
        (ba, wa, *_), (bx, wx, *_) = fitted["ar"], fitted["xx"]
        read = stack(*names, features=("read_information",))[0][:, 0]
        return blend(probability(bx, wx, stack(*names, features=CROSS_LINGUAL_FEATURES)[0]),
                     probability(ba, wa, stack(*names, features=FEATURES)[0]), read, power)

    pairs, fitted = {}, {}
    for pair, names, features in (("ar", ("xq-ar", "arcd"), FEATURES),
                                  ("xx", ("xq-en", "xq-ru"), CROSS_LINGUAL_FEATURES)):
        print(f"pair {pair}:")
        pairs[pair], fitted[pair] = model(names, features)
        b, w, x, y = fitted[pair]
        p = probability(b, w, x)
        if pair == "xx":  # the confidence an English or Russian question gets: blended with the Arabic model's
            p = blended(fitted, *names)
        threshold, lost, stopped = gate(p, y)
        pairs[pair]["llm_threshold"] = threshold
        print(f"  gate with an LLM: {threshold:.2f} (stops {lost:.3f} of the answerable, {stopped:.3f} of the held out)")
        if features != FEATURES:  # for an embedder without latent terms
            pairs[pair]["without_latent"] = model(names, FEATURES)[0]

    print("English/Russian questions read by the Arabic model too (decision.blend), right at 0.5 as mixed / balanced:")
    for power in (None, 1, 2, 3):
        label = "the cross-lingual model alone" if power is None else f"read share to the power {power}" + (
            " (decision.READ_POWER)" if power == READ_POWER else "")
        cells = []
        for name in ("xq-en", "xq-ru"):
            b, w = fitted["xx"][:2]
            p = probability(b, w, stack(name, features=CROSS_LINGUAL_FEATURES)[0]) if power is None \
                else blended(fitted, name, power=power)
            y = stack(name)[1]
            cells.append(f"{name} {right(p, y):.3f} / {right_balanced(p, y):.3f}")
        print(f"  {label:<44} " + "  ".join(cells))

    out = {"features": list(FEATURES), "pairs": pairs,
           "fitted_on": "XQuAD public third (ar, en, ru questions) and ARCD train, every 3rd context held out; answerable and held-out questions weigh the same",
           "by": "bench/calibrate_decision.py"}
    if not args.dry_run:
        CALIBRATION.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {CALIBRATION.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
