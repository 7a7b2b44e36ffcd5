"""The answer/refuse model: its direction on each kind of evidence, its reasons, its calibration file."""

import json

import pytest

from bot.decision import (CALIBRATION, CROSS_LINGUAL_FEATURES, FEATURES, Evidence, blend, confidence, decide,
                          llm_threshold, load_calibration, model_confidence)


def evidence(**kw) -> Evidence:
    base = dict(pair="ar", dense=0.5, coverage=0.8, unknown=0.0, margin=0.05, support=0.5, wide=0.5, sentence=0.6)
    return Evidence(**(base | kw))


def test_the_calibration_file_is_complete():
    cal = json.loads(CALIBRATION.read_text(encoding="utf-8"))
    assert tuple(cal["features"]) == FEATURES
    for pair, features in (("ar", FEATURES), ("xx", CROSS_LINGUAL_FEATURES)):
        model = cal["pairs"][pair]
        assert tuple(model["features"]) == features and len(model["weights"]) == len(features)
        assert 0 < model["llm_threshold"] < 0.5  # the gate before an LLM stops only the unrelated
    fallback = cal["pairs"]["xx"]["without_latent"]  # for an embedder without a sparse head
    assert tuple(fallback["features"]) == FEATURES and len(fallback["weights"]) == len(FEATURES)


def test_shared_latent_terms_raise_a_cross_lingual_confidence():
    assert confidence(evidence(pair="xx", latent=0.1)) < confidence(evidence(pair="xx", latent=0.4))


def test_a_cross_lingual_question_is_read_by_the_arabic_model_as_far_as_the_index_reads_it():
    # Names held, cosines middling, few latent terms shared: the Arabic model trusts the names,
    # the cross-lingual one (fitted on XQuAD, poor in names) the cosines.
    kw = dict(pair="xx", coverage=1.0, sentence=1.0, dense=0.4, support=0.3, wide=0.4, margin=0.02, latent=0.1)
    cal = load_calibration()
    cross, arabic = (model_confidence(evidence(**kw), pair, cal) for pair in ("xx", "ar"))
    assert cross < 0.5 < arabic
    assert confidence(evidence(**kw)) == pytest.approx(cross)  # nothing read: the cross-lingual model alone
    assert confidence(evidence(**kw, read_information=1.0)) == pytest.approx(arabic)  # all names: the Arabic model
    steps = [confidence(evidence(**kw, read_information=r)) for r in (0.2, 0.5, 0.8, 0.95)]
    assert steps == sorted(steps) and steps[0] < cross + 0.02  # a few names move it little (squared share)
    assert confidence(evidence(pair="ar", read_information=1.0)) == confidence(evidence(pair="ar"))  # Arabic: one model
    assert blend(0.2, 0.8, 0.5, power=1) == pytest.approx(0.5) and blend(0.2, 0.8, 0.5, power=2) == pytest.approx(0.35)


def test_the_gate_before_an_llm_is_per_language_pair():
    cal = {"pairs": {"ar": {"llm_threshold": 0.15}, "xx": {}}}
    assert llm_threshold("ar", cal) == 0.15
    assert llm_threshold("xx", cal) == 0.25  # a calibration file from before the gate was fitted
    # Arabic confidences separate the unrelated from the near-topic lower down
    assert llm_threshold("ar") <= llm_threshold("xx")


@pytest.mark.parametrize("pair", ["ar", "xx"])
@pytest.mark.parametrize("weaker, stronger", [
    (dict(coverage=0.2, sentence=0.2), dict(coverage=1.0, sentence=1.0)),  # the question's words held
    (dict(unknown=0.8), dict(unknown=0.0)),                                  # words no article uses
    (dict(dense=0.0, support=-0.5, wide=-0.5), dict(dense=0.8, support=0.8, wide=0.8)),  # semantic match
])
def test_confidence_moves_the_right_way(pair, weaker, stronger):
    assert confidence(evidence(pair=pair, **weaker)) < confidence(evidence(pair=pair, **stronger))


def test_decision_reasons_name_the_evidence():
    ev = evidence(unknown=0.7, unknown_words=["راتب"], matched=["وزير"], names=["lavrov"])
    d = decide(ev, threshold=0.5)
    text = " ".join(d.reasons)
    assert "راتب" in text and "lavrov" in text and "وزير" in text
    assert d.as_dict()["answerable"] is d.answerable and 0 <= d.confidence <= 1


def test_the_threshold_decides():
    ev = evidence()
    p = confidence(ev)
    assert decide(ev, threshold=p - 0.01).answerable and not decide(ev, threshold=p + 0.01).answerable


def test_offline_a_question_mostly_in_a_language_the_bot_does_not_read_is_refused():
    # "Quel est le prix du pétrole à Bakou ?": the place is held, prix and pétrole nobody checked
    strong = dict(pair="xx", dense=0.8, coverage=1.0, unknown=0.0, margin=0.3, support=0.8, wide=0.8, sentence=1.0)
    french = Evidence(**strong, foreign=True, readable=1 / 3)
    assert decide(Evidence(**strong), 0.5, offline=True).answerable  # the same evidence in English
    refused = decide(french, 0.5, offline=True)
    assert not refused.answerable and "does not read" in refused.reasons[-1]
    assert decide(french, 0.25).answerable  # an LLM reads French: it decides
    assert decide(Evidence(**strong, foreign=True, readable=2 / 3), 0.5, offline=True).answerable


def test_offline_an_office_the_quoted_articles_never_name_is_refused_whatever_the_confidence():
    # "من هو سفير أرمينيا لدى روسيا؟" in a corpus whose other articles speak of ambassadors: every
    # word is known, Armenia and Russia are in the best passage, and no quoted article names one
    strong = dict(pair="ar", dense=0.8, coverage=0.7, unknown=0.0, margin=0.3, support=0.8, wide=0.8, sentence=0.7)
    assert decide(Evidence(**strong), 0.5, offline=True).answerable
    refused = decide(Evidence(**strong, unheld="سفير ارمينيا"), 0.5, offline=True)
    assert not refused.answerable and "never name the office" in refused.reasons[-1] and "سفير" in refused.reasons[-1]
    assert decide(Evidence(**strong, unheld="سفير ارمينيا"), 0.25).answerable  # with an LLM, the LLM reads it


def test_a_quoted_passages_article_title_names_the_place_for_the_whole_article(tmp_path, fake_embedder):
    # The second paragraph of the Minsk meeting's report does not name Minsk again; its title does.
    from bot.decision import gather
    from retrieval.article import Article
    from retrieval.index import Index
    from retrieval.ingest import ingest
    from retrieval.search import hybrid

    text = "والتقى وزير الخارجية الروسي بنظيره الأرميني أرارات ميرزويان في اجتماع منفصل."
    question = "من هو وزير الخارجية الأرميني الذي شارك في اجتماع مينسك؟"
    for title, unnamed in (("اجتماع وزراء الخارجية في مينسك", ""), ("اجتماع وزراء الخارجية", "مينسك")):
        index = Index(tmp_path / str(bool(unnamed)), fake_embedder)
        ingest(index, [Article(id="report", title=title, text=text)])
        analysed = index.analyse(question)
        assert gather(index, analysed, hybrid(index, question, 3)).unnamed == unnamed


def test_offline_a_birthplace_no_quoted_passage_tells_is_refused(tmp_path, fake_embedder):
    # "Где родился Джейхун Байрамов?": both his names are in the passage, which tells where he
    # spoke, not where he was born
    from bot.decision import gather
    from retrieval.article import Article
    from retrieval.index import Index
    from retrieval.ingest import ingest
    from retrieval.search import hybrid

    spoke = "وقال وزير الخارجية الأذربيجاني جيهون بيراموف في باكو إن المحادثات مع أرمينيا بناءة."
    for text, unborn in ((spoke, "birthplace"), (spoke + " وولد بيراموف في باكو عام 1975.", "")):
        index = Index(tmp_path / str(bool(unborn)), fake_embedder)
        ingest(index, [Article(id="minister", title="بيراموف", text=text)])
        question = "Где родился Джейхун Байрамов?"
        evidence = gather(index, index.analyse(question), hybrid(index, question, 3))
        assert evidence.unborn == unborn
        if unborn:
            refused = decide(evidence, 0.0, offline=True)
            assert not refused.answerable and "born" in refused.reasons[-1]
