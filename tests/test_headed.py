"""Who heads, leads or commands something: a quoted sentence must name someone at its head (bot/headed.py)."""

import pytest

from bot.headed import asked_head, unheaded
from retrieval.normalize import analyze
from retrieval.question import Term, analyse

UNIT = "وتمت عودتهم تحت غطاء من الوحدة الروسية لحفظ السلام."
GROUP = "اتفاق على تشكيل مجموعة عمل على مستوى نواب رؤساء حكومات الدول الثلاث."


def terms(text: str) -> list[Term]:
    """The question's words as single-word terms (the glossary's phrases are tested below)."""
    return [Term(word, frozenset({token})) for word, token in analyze(text)]


@pytest.mark.parametrize("question, thing", [
    ("من قاد الوحدة الروسية التي عاد تحت غطائها السكان؟", "وحدة"),  # Arabic: the noun, first
    ("ومن يرأس الوفد الأرمني؟", "وفد"),
    # every word an Arabic passage can hold, up to the preposition: not the adjective alone
    ("Who commands the Russian peacekeeping unit?", "روسيا قوات حفظ سلام"),
    ("Кто командует российскими миротворцами в Карабахе?", "روسيا قوات حفظ سلام"),
    ("Кто возглавляет делегацию Армении?", "ارمينيا"),
    ("Who led the talks in Moscow?", "محادثات"),
])
def test_what_a_question_asks_the_head_of(question, thing):
    found = asked_head(question, terms(question))
    assert found is not None and found.word == thing


@pytest.mark.parametrize("question", [
    "من هو قائد الوحدة الروسية؟",    # the office check's case (qualifiers.unheld)
    "من قال إن الوضع مستقر؟",
    "Who met Lavrov in Minsk?",
    "Кто подписал заявление?",
])
def test_other_questions_ask_no_head(question):
    assert asked_head(question, terms(question)) is None


def test_a_sentence_holding_the_thing_and_no_head_does_not_answer():
    unit = asked_head("من قاد الوحدة الروسية؟", terms("من قاد الوحدة الروسية؟"))
    assert unheaded(unit, [UNIT]) == "وحدة"
    for sentence in ("وكانت الوحدة الروسية بقيادة الجنرال رستم مرادوف.", "وقال قائد الوحدة الروسية إن الوضع مستقر.",
                     "ويترأس الوحدة الروسية الجنرال مرادوف."):
        assert unheaded(unit, [UNIT, sentence]) == "", sentence
    # a head of something else, in another sentence, is not the unit's
    assert unheaded(unit, [UNIT, "وقال رئيس الوزراء إن الاتفاق صامد."]) == "وحدة"
    assert unheaded(None, [UNIT]) == ""


def test_heads_of_other_things_in_the_plural_are_not_its_head():
    # "deputy heads of government" form the working group; nobody heads it
    question = "من يرأس مجموعة العمل؟"
    group = Term("مجموعة عمل", frozenset({"مجموع", "عمل"}))
    found = asked_head(question, [Term("يراس", frozenset({"يراس"})), group])
    assert found is not None and found.word == "مجموعة عمل"
    assert unheaded(found, [GROUP]) == "مجموعة عمل"
    assert unheaded(found, ["وترأس مجموعة العمل نائب رئيس الوزراء الروسي ألكسي أوفرتشوك."]) == ""
    # the phrase whole: "العمل" alone is not the group
    assert unheaded(found, ["وترأس الوزير العمل على الاتفاق."]) == "مجموعة عمل"


def test_the_adjective_does_not_speak_for_the_thing_headed():
    # "Russian" beside a head ("الرئيس الروسي") is not the Russian peacekeepers' commander
    question = analyse("Кто командует российскими миротворцами в Карабахе?")  # the country's Arabic forms too
    found = asked_head(question.text, question.search_terms)
    president = "وقّع الرئيس الروسي فلاديمير بوتين البيان المشترك."
    deployed = "وتمركز جنود من قوات روسية لحفظ السلام على طول خط التماس."
    assert unheaded(found, [president, deployed]) == "روسيا قوات حفظ سلام"
    # before, the first word alone: the president's sentence held "Russian" and a head
    assert asked_head("Кто командует российскими?", question.search_terms).word == "روسيا"
    assert unheaded(found, [deployed, "ويقود قوات حفظ السلام الروسية الجنرال رستم مرادوف."]) == ""


def test_a_head_must_stand_beside_what_it_heads():
    # Two ministers spoke on the phone and discussed the working group's activity: nobody heads it
    # in that sentence, the ministers are two clauses away (fresh11 v15, after the glossary read
    # "транспортные коммуникации" as طرق النقل).
    question = analyse("Кто возглавляет рабочую группу по транспортным коммуникациям?")
    found = asked_head(question.text, question.search_terms)
    call = ("جرت محادثة هاتفية بين وزير الخارجية الأذربيجاني جيهون بيراموف ووزير الخارجية الروسي سيرغي لافروف، "
            "ناقش خلالها الطرفان تنفيذ الاتفاق الثلاثي، بما في ذلك أنشطة الفريق العامل بشأن افتتاح طرق النقل.")
    assert unheaded(found, [call]) == "مجموعة عمل"
    assert unheaded(found, [call, "ويرأس مجموعة العمل نواب رئيس الوزراء."]) == ""
    # in its own clause, a head stays one: the leaders between whom the meeting was held (y14)
    chaired = analyse("Who chaired the trilateral meeting in Brussels?")
    meeting = asked_head(chaired.text, chaired.search_terms)
    brussels = ("وسبق ذلك اجتماع ثلاثي في بروكسل في 14 أيار/مايو الجاري بين رئيس الوزراء الأرميني نيكول باشينيان "
                "والرئيس الأذربيجاني إلهام علييف ورئيس المجلس الأوروبي شارل ميشيل.")
    assert unheaded(meeting, [brussels]) == ""
