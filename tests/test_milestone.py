"""When someone took office or left it, or forces withdrew: the dated sentence must tell that
milestone (bot/milestone.py, read by bot/when.py undated)."""

import pytest

from bot.milestone import asked_milestone, birth_untold
from bot.when import undated
from tests.test_when_undated import quoted


@pytest.mark.parametrize("question, milestone", [
    ("Когда Залкалиани стал министром иностранных дел Грузии?", "taking office"),
    ("When did Bayramov become Azerbaijan's foreign minister?", "taking office"),
    ("متى أصبح باشينيان رئيساً للوزراء؟", "taking office"),
    ("متى عُيّن ميرزويان وزيراً للخارجية؟", "taking office"),
    ("When was Aliyev elected?", "taking office"),
    ("متى استقال زوغراب مناتساكانيان من منصبه؟", "leaving office"),
    ("Когда Мнацаканян ушёл в отставку?", "leaving office"),
    ("متى سحبت روسيا قوات حفظ السلام من قره باغ؟", "withdrawal"),
    ("When did Russia withdraw its peacekeepers?", "withdrawal"),
    ("Когда Россия вывела миротворцев из Карабаха?", "withdrawal"),
])
def test_the_milestone_a_question_asks(question, milestone):
    found = asked_milestone(question)
    assert found is not None and found.name == milestone


@pytest.mark.parametrize("question", [
    "When did Armenia become independent?",       # became, but no office
    "متى أصبحت أرمينيا مستقلة؟",
    "متى وقعت أرمينيا وأذربيجان معاهدة السلام؟",  # an agreement: bot/deed.py
    "متى عقد الاجتماع الثلاثي في مينسك؟",
    "What did Lavrov say?",
    "When was the working group formed?",
])
def test_other_questions_ask_no_milestone(question):
    assert asked_milestone(question) is None


@pytest.mark.parametrize("sentence, milestone, told", [
    ("وعُيّن ميرزويان وزيراً للخارجية في آب/أغسطس 2021.", "taking office", True),
    ("وتولى بيراموف منصبه في 16 يوليو 2020.", "taking office", True),
    ("صرّح وزير الخارجية ديفيد زلكالياني في 8 أكتوبر 2021.", "taking office", False),
    ("أعلن مناتساكانيان استقالته في يونيو 2021.", "leaving office", True),
    ("وبدأت روسيا سحب قواتها من قره باغ في نيسان/أبريل 2024.", "withdrawal", True),
    ("انتشرت قوات روسية لحفظ السلام في 9 نوفمبر 2020.", "withdrawal", False),
])
def test_a_sentence_tells_the_milestone_in_its_own_words(sentence, milestone, told):
    from bot.milestone import Milestone
    assert Milestone(milestone).told(sentence) is told


def test_a_dated_sentence_about_another_event_does_not_answer_when_a_milestone_was(seed_index):
    # Zalkaliani's statement is dated 8 October 2021; when he became minister is not in the seed
    assert undated(seed_index, *quoted(seed_index, "Когда Залкалиани стал министром иностранных дел Грузии?")) \
        == "залкалиани (taking office)"
    # the statement itself is dated where he is named
    assert undated(seed_index, *quoted(seed_index, "Когда Залкалиани сделал своё заявление о новом формате?")) == ""


def test_a_life_is_dated_by_its_own_sentence_not_by_the_dates_of_the_persons_offices(tmp_path, fake_embedder):
    from retrieval.article import Article
    from retrieval.index import Index
    from retrieval.ingest import ingest

    offices = ("وستخلف ريتشاردسون نائب رئيس جامعة أكسفورد أندرو هاميلتون بداية من العام المقبل، "
               "وكانت مديرة جامعة سانت اندروز منذ عام 2009.")
    for text, event in ((offices, "ريتشاردسون (life)"), (offices + " ولدت ريتشاردسون عام 1958 في آيرلندا.", "")):
        index = Index(tmp_path / str(bool(event)), fake_embedder)
        ingest(index, [Article(id="oxford", title="امرأة على رأس أكسفورد", text=text)])
        assert undated(index, *quoted(index, "متى ولدت لويز ريتشاردسون؟")) == event


@pytest.mark.parametrize("question", ["Где родился Джейхун Байрамов?", "Where was Bayramov born?",
                                      "في أي مدينة ولد بيراموف؟", "أين ولد بيراموف؟"])
def test_a_birthplace_is_answered_only_where_a_birth_is_told(question):
    spoke = "وقال وزير الخارجية الأذربيجاني جيهون بيراموف في باكو إن المحادثات بناءة."
    assert birth_untold(question, "place", [spoke]) == "birthplace"
    assert birth_untold(question, "place", [spoke, "ولد جيهون بيراموف في مدينة باكو عام 1975."]) == ""
    # an encyclopaedia's brackets after the name: a year and a dash
    life = "جمال أحمد حمزة خاشقجي (13 أكتوبر 1958، المدينة المنورة - 2 أكتوبر 2018)، صحفي سعودي."
    assert birth_untold(question, "place", [life]) == ""


def test_other_place_questions_ask_no_birth():
    assert birth_untold("Where did Bayramov speak?", "place", ["x"]) == ""
    assert birth_untold("When was Bayramov born?", "date", ["x"]) == ""


@pytest.mark.parametrize("question", ["متى ولدت لويز ريتشاردسون؟", "When was Louise Richardson born?",
                                      "Когда умер Хаменеи?", " - متى ولد جمال خاشقجي وتوفي؟",
                                      "متى ولد عمر المختار؟"])
def test_birth_and_death_are_a_life_told_by_its_words_or_an_encyclopaedias_brackets(question):
    life = asked_milestone(question)
    assert life is not None and life.name == "life"
    assert life.told("ولدت ودرست جامعيا في آيرلندا.") and life.told("توفي في طهران.")
    # an encyclopaedia dates a life in brackets after the name
    assert life.told("عمر المختار (20 أغسطس 1858 - 16 سبتمبر 1931) قائد ليبي.")
    assert life.told("شيرين عبد الوهاب (8 أكتوبر 1980 )، مغنية مصرية.")
    # a date of her new office is no date of her life
    assert not life.told("وستخلف ريتشاردسون هاميلتون في المنصب بداية من العام المقبل.")


def test_moldova_is_no_birth():
    assert asked_milestone("متى عقدت القمة في مولدافيا؟") is None
    assert asked_milestone("When was the summit in Moldova?") is None
