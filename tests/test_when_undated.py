"""A "when" question whose event no quoted sentence dates is not answered by another event's date (bot/when.py undated)."""

import pytest

from bot.answer import AnswerSettings
from bot.when import _dates, undated
from retrieval.search import hybrid


def quoted(index, question):
    analysed = index.analyse(question)
    return analysed, hybrid(index, analysed, AnswerSettings().k)[:3]


@pytest.mark.parametrize("question, event", [
    # the leaders signed the ceasefire statement on 9 November 2020; the peace treaty is talks to come
    ("متى وقعت أرمينيا وأذربيجان معاهدة السلام؟", "معاهدة سلام"),
    ("متى ستوقع معاهدة السلام بين أرمينيا وأذربيجان؟", "معاهدة سلام"),
])
def test_the_event_no_quoted_sentence_dates(seed_index, question, event):
    assert undated(seed_index, *quoted(seed_index, question)) == event


@pytest.mark.parametrize("question", [
    # Azerbaijan is dated in many sentences, the Lachin corridor in one (the peacekeepers, 2020),
    # the checkpoint in none ("في الآونة الأخيرة")
    "When did Azerbaijan set up the checkpoint at the Lachin corridor?",
    "When did Azerbaijan set up the checkpoint on the Lachin corridor?",
])
def test_the_event_is_what_happened_not_who_did_it_or_where(seed_index, question):
    assert undated(seed_index, *quoted(seed_index, question)) == "نقطة تفتيش"


@pytest.mark.parametrize("question", [
    "Когда Залкалиани встречался с Лавровым?",  # his statement is dated, no meeting of theirs
    # the next meeting of the Armenian and Azerbaijani leaders is the EU's, naming neither
    "When will Putin, Aliyev and Pashinyan hold their next trilateral summit?",
])
def test_a_question_naming_several_people_is_dated_by_a_sentence_naming_two_of_them(seed_index, question):
    assert "(with two of " in undated(seed_index, *quoted(seed_index, question))


def test_a_sentence_naming_them_together_dates_their_meeting(seed_index):
    # "في مينسك يوم الخميس، 14 أكتوبر ... سيرغي لافروف وجيهون بيراموف وأرارات ميرزويان"
    assert undated(seed_index, *quoted(seed_index, "When did Lavrov, Bayramov and Mirzoyan meet in Minsk?")) == ""


def test_where_it_happened_is_not_what_happened():
    from retrieval.question import analyse
    from bot.when import setting_terms

    question = "متى عقد الاجتماع الثلاثي في مينسك؟"
    assert [t.word for t in setting_terms(question, analyse(question).search_terms)] == ["مينسك"]
    assert setting_terms("In what year was the treaty signed?", analyse("In what year was the treaty signed?").terms) == []


@pytest.mark.parametrize("question", [
    "متى عقد الاجتماع الثلاثي في مينسك؟",            # 14 أكتوبر/تشرين الأول 2021
    "متى أدلى وزير الخارجية الجورجي زلكالياني بتصريحه؟",  # the rarest word's sentence: 8 أكتوبر
    "When was the earlier humanitarian truce agreed in Moscow?",  # "يوم 10 من الشهر ذاته"
    "What did Lavrov say when he met Bayramov in Minsk?",  # asks what, not when
    "كم ساعة استمرت المفاوضات في موسكو؟",
])
def test_an_event_dated_where_it_is_named_or_a_question_not_asking_when(seed_index, question):
    assert undated(seed_index, *quoted(seed_index, question)) == ""


def test_a_question_about_what_is_to_come_is_not_answered_by_a_past_date(seed_index):
    """The seed dates Putin and Pashinyan's talks (17 February, 12 October 2021), and no next
    one: a past date does not tell when the next will be."""
    for question in ("When will Putin and Pashinyan meet again?", "متى سيلتقي بوتين وباشينيان في المرة القادمة؟"):
        reason = undated(seed_index, *quoted(seed_index, question))
        assert reason.endswith("(asked what is to come; dated only in the past)"), question


@pytest.mark.parametrize("question", [
    "متى سيعقد الاجتماع الموسع في كيشيناو؟",          # "في الأول من حزيران/يونيو المقبل"
    "When will the next meeting in Granada take place?",  # "في شهر تشرين الأول/أكتوبر المقبل في غرناطة"
    "When did Putin, Aliyev and Pashinyan meet in Moscow?",  # a past question keeps the past date
])
def test_a_date_the_article_looks_ahead_to_answers_a_question_about_what_is_to_come(seed_index, question):
    assert undated(seed_index, *quoted(seed_index, question)) == ""


@pytest.mark.parametrize("sentence, dated", [
    ("وقع الاتفاق في 9 نوفمبر 2020.", True),
    ("توصل الجانبان إلى اتفاق في موسكو يوم 10 من الشهر ذاته.", True),
    ("انتشرت كتاباته في سنة 1519.", True),      # a year before 1800
    ("بدأت الحركة في منتصف القرن الثامن عشر.", True),
    ("عقد الاجتماع اليوم الجمعة.", True),           # the article's own day
    ("هناك مفاوضات بشأن معاهدة سلام ستجري بشكل منفصل.", False),
    ("قتل 25 شخصا.", False),                       # a count, not a date
])
def test_what_counts_as_a_date_in_a_sentence(sentence, dated):
    assert _dates(sentence) == dated


def test_the_event_word_is_as_rare_as_the_word_the_passages_hold():
    """"Armenia" also reaches the adjective's spellings (Term.also); one rare in the index must not
    make Armenia the event of "When will the peace treaty between Armenia and Azerbaijan be signed?",
    where the passage holds Armenia's own word. A verb held only as another form (ستوقع as وقع) is
    as rare as that form."""
    from types import SimpleNamespace

    from bot.when import event_word
    from retrieval.chunking import sentence_spans
    from retrieval.question import Term

    idf = {"ارمين": 9.0, "ارمينيا": 2.0, "معاهد": 5.0, "سلام": 3.0, "ستوقع": 12.0, "وقع": 1.0}
    index = SimpleNamespace(lexical=lambda: SimpleNamespace(idf=lambda token: idf.get(token, 0.0)))
    armenia = Term("armenia", frozenset({"ارمينيا", "ارمين"}), also=frozenset({"ارمين"}))
    treaty = Term("معاهدة سلام", frozenset({"معاهد", "سلام"}))
    signed = Term("ستوقع", frozenset({"ستوقع", "وقع"}), also=frozenset({"وقع"}))
    text = ("هناك مفاوضات ثنائية أرمينية أذربيجانية بشأن معاهدة سلام ستجري بشكل منفصل بين أرمينيا وأذربيجان. "
            "وقع الرئيسان بياناً.")
    hit = SimpleNamespace(text=text)
    assert event_word(index, [armenia, treaty, signed], [(hit, sentence_spans(text))]) is treaty


def test_what_is_to_come_is_dated_by_a_sentence_about_it(tmp_path, fake_embedder):
    """The rarest word of a question about what is to come, in a sentence that looks ahead but
    holds little else of it, does not date it: another election "ستجرى" in 2017."""
    from retrieval.article import Article
    from retrieval.index import Index
    from retrieval.ingest import ingest

    index = Index(tmp_path, fake_embedder)
    ingest(index, [
        Article(id="tr", date="2015-07-20", title="تركيا", text=(
            "أجرى رئيس الوزراء التركي اتصالات مع مكاتب الحزب مصدرا تعليمات بالاستعداد لانتخابات برلمانية مبكرة. "
            "وقال إن على الجميع أن يكونوا مستعدين كما لو كانت الانتخابات ستجرى في أية لحظة.")),
        Article(id="fr", date="2015-07-20", title="فرنسا", text=(
            "يستعد الحزب الاشتراكي للانتخابات الرئاسية التي ستجرى في ربيع 2017 المقبل.")),
    ])
    for question, expected in (("متى ستجرى الانتخابات البرلمانية المبكرة في تركيا؟", False),
                               ("متى ستجرى الانتخابات الرئاسية في فرنسا؟", True)):
        analysed = index.analyse(question)
        hits = hybrid(index, analysed, 3)
        assert (undated(index, analysed, hits) == "") is expected, question
