"""The decision model's fit (bench/calibrate_decision.py): the classes weigh the same."""

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from calibrate_decision import balanced, fit  # noqa: E402


def _two_classes(n_answerable: int, n_held_out: int, seed: int = 7):
    rng = np.random.default_rng(seed)
    x = np.concatenate([rng.normal(1.0, 1.0, n_answerable), rng.normal(-1.0, 1.0, n_held_out)])[:, None]
    y = np.concatenate([np.ones(n_answerable), np.zeros(n_held_out)])
    return x, y


@pytest.mark.parametrize("n_answerable, n_held_out", [(800, 400), (400, 800), (600, 600)])
def test_even_odds_sit_between_the_classes_whatever_their_mix(n_answerable, n_held_out):
    # Two classes centred on +1 and -1: weighed alike, confidence 0.5 falls halfway (x = 0),
    # wherever the sets' mix would pull an unweighted fit (about ±0.35 at 2:1).
    bias, weights = fit(*_two_classes(n_answerable, n_held_out))
    boundary = -bias / weights[0]
    assert abs(boundary) < 0.15
    assert weights[0] > 0


def test_balanced_accuracy_reads_both_classes_alike():
    x, y = _two_classes(900, 100)
    # A model that answers everything: right on 90% of this set, on half of each class weighed alike.
    assert balanced(10.0, np.array([0.0]), x, y) == pytest.approx(0.5)
    bias, weights = fit(x, y)
    assert balanced(bias, weights, x, y) > 0.8
