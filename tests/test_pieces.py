"""Unit tests of the small pure pieces: limits, URL checks, near duplicates, score fusion."""

import asyncio

import pytest

from bot.telegram.limits import RateLimiter, Throttle
from retrieval import dedupe
from retrieval.embeddings import CachedEmbedder, LocalE5Embedder, similarity_range
from retrieval.question import analyse
from retrieval.search import cross_lingual_weight, fuse, neighbour_pairs, pair_share
from retrieval.web import FetchRefused, check_url


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_rate_limiter_is_a_sliding_window_per_user():
    clock = Clock()
    limiter = RateLimiter(2, clock=clock)
    assert limiter.allow(1) and limiter.allow(1) and not limiter.allow(1)
    assert limiter.allow(2)  # another user has their own window
    assert limiter.retry_in(1) == 61
    clock.now += 30
    assert not limiter.allow(1) and limiter.retry_in(1) == 31
    clock.now += 30  # both events of t=1000 leave the window together
    assert limiter.allow(1) and limiter.allow(1) and not limiter.allow(1)
    assert limiter.retry_in(3) == 0


def test_throttle_once_per_interval_and_a_hold_from_flood_control():
    clock = Clock()
    throttle = Throttle(1.5, clock=clock)
    assert throttle.ready(1) and not throttle.ready(1) and throttle.ready(2)
    clock.now += 1.5
    assert throttle.ready(1)
    throttle.hold(1, 10)  # Telegram asked for 10 s
    clock.now += 9.9
    assert not throttle.ready(1) and throttle.remaining(1) == pytest.approx(0.1)
    clock.now += 0.1
    assert throttle.ready(1)
    throttle.hold(1, 0.5)  # a shorter hold never shortens the interval already running
    assert not throttle.ready(1) and throttle.remaining(1) == pytest.approx(1.5)


def test_throttle_settle_takes_the_slot():
    clock = Clock()
    throttle = Throttle(0.0, clock=clock)
    asyncio.run(throttle.settle(5))
    assert throttle.remaining(5) == 0.0


@pytest.mark.parametrize("url, reason", [
    ("ftp://example.com/a", "bad_url"),
    ("javascript:alert(1)", "bad_url"),
    ("https://", "bad_url"),
    ("http://127.0.0.1/x", "private_address"),
    ("http://localhost:8080/", "private_address"),
    ("http://10.1.2.3/", "private_address"),
    ("http://169.254.169.254/latest/meta-data", "private_address"),
    ("http://[::1]/", "private_address"),
    ("http://no-such-host.invalid/", "unknown_host"),
])
def test_url_checks_refuse_what_is_not_a_public_web_page(url, reason):
    with pytest.raises(FetchRefused) as caught:
        check_url(url, allowlist=[])
    assert caught.value.code == reason


def test_url_allowlist_admits_a_host_or_a_network():
    check_url("http://127.0.0.1:9/x", allowlist=["127.0.0.1"])
    check_url("http://10.1.2.3/", allowlist=["10.0.0.0/8"])
    with pytest.raises(FetchRefused):
        check_url("http://10.1.2.3/", allowlist=["192.168.0.0/16"])


STORY = ("اجتمع وزراء خارجية روسيا وأذربيجان وأرمينيا في مينسك يوم الخميس لبحث تنفيذ البيان الثلاثي "
         "وفتح طرق النقل وترسيم الحدود، واتفقوا على مواصلة العمل في الأشهر المقبلة بوساطة روسية.") * 3


def test_near_duplicates_by_minhash():
    same = dedupe.signature(STORY)
    republished = dedupe.signature("نقلت وكالة أخرى الخبر التالي: " + STORY + " انتهى.")
    other = dedupe.signature("أعلنت وزارة الصحة عن حملة تطعيم جديدة في المدارس خلال الشهر المقبل. " * 3)
    assert dedupe.similarity(same, same) == 1.0
    assert dedupe.similarity(same, republished) >= dedupe.THRESHOLD
    assert dedupe.similarity(same, other) < 0.2
    assert dedupe.most_similar(republished, {"a": same, "b": other})[0] == "a"
    assert dedupe.most_similar(republished, {}) is None


def test_fusion_weighs_calibrated_scores_and_what_the_lexical_side_can_read():
    dense = [("a", 0.90), ("b", 0.80)]
    lexical = [("b", 10.0), ("c", 5.0)]
    fused = dict(fuse(dense, lexical, w_lex=1.0, sim_range=(0.7, 0.9), alpha=0.6))
    assert fused["a"] == pytest.approx(0.6) and fused["b"] == pytest.approx(0.3 + 0.4)
    assert fused["c"] == pytest.approx(0.2)
    assert [pid for pid, _ in fuse(dense, lexical, 1.0, (0.7, 0.9), 0.6)] == ["b", "a", "c"]
    # a question the lexical side cannot read: only the dense order counts
    assert [pid for pid, _ in fuse(dense, lexical, 0.0, (0.7, 0.9), 0.6)] == ["a", "b"]
    # below the embedder's range, a dense score is 0, not the best of a weak lot
    weak = dict(fuse([("x", 0.5)], [], 1.0, sim_range=(0.7, 0.9)))
    assert weak["x"] == 0.0
    # unknown calibration: the candidates' own spread
    spread = dict(fuse([("x", 0.5), ("y", 0.3)], [], 1.0, sim_range=None, alpha=1.0))
    assert spread == {"x": 1.0, "y": 0.0}


def test_an_english_question_is_read_on_the_embedders_cross_lingual_range():
    e5 = LocalE5Embedder()  # not loaded: the ranges are class data
    arabic, cross = similarity_range(e5), similarity_range(e5, cross_lingual=True)
    assert cross[0] < arabic[0] and cross[1] < arabic[1]
    assert similarity_range(CachedEmbedder(e5, None), cross_lingual=True) == cross

    class OneRange:
        similarity_range = (0.5, 0.9)

    assert similarity_range(OneRange(), cross_lingual=True) == (0.5, 0.9)
    # English cosines below the Arabic floor: on the Arabic range both are 0 and the lexical
    # side alone orders them; on the cross-lingual range the passage nearer the question stays first
    dense = [("near", 0.77), ("far", 0.74)]
    lexical = [("far", 3.0)]
    assert [p for p, _ in fuse(dense, lexical, 1.0, arabic, alpha=0.9)][0] == "far"
    assert [p for p, _ in fuse(dense, lexical, 1.0, cross, alpha=0.9)][0] == "near"


def test_the_lexical_share_of_an_english_question_is_what_the_index_reads_of_it():
    # no index: only digits are read as Arabic-index words
    assert cross_lingual_weight(analyse("What did the committee decide about the plan?")) == 0.0
    half = analyse("What did the army and the government announce in 2020?")
    assert 0.0 < half.vocabulary_share < 0.5
    assert cross_lingual_weight(half) == pytest.approx(2 * half.vocabulary_share)
    assert cross_lingual_weight(analyse("2020 2021 army?")) == 1.0  # capped
    names = analyse("Zakharova?", lambda keys: {k: {"زاخاروفا": frozenset({"زاخاروفا"})} for k in keys},
                    {"زاخاروفا"}.__contains__)
    assert all(t.name for t in names.search_terms) and cross_lingual_weight(names) == 1.0


def test_the_questions_neighbouring_terms_side_by_side_count_more_than_scattered():
    from retrieval.normalize import tokenize

    question = analyse("كيف وصف الوزيران العلاقات الروسية الأذربيجانية؟")
    pairs = neighbour_pairs([(t, 1.0) for t in question.terms])
    phrase = tokenize("أعربا عن ارتياحهما للشراكة الاستراتيجية الروسية الأذربيجانية")
    scattered = tokenize("قال الوزير الروسي إن العلاقات مع الجانب الأذربيجاني جيدة")
    reversed_ = tokenize("الأذربيجانية الروسية")
    assert pair_share(pairs, phrase) > 0
    assert pair_share(pairs, scattered) == 0  # the same words, apart
    assert pair_share(pairs, reversed_) == 0  # side by side, but not in the question's order
    assert pair_share([], phrase) == 0
