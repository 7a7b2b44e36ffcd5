"""A "how many" is answered by a number near the thing it counts, when the sentence names the thing (bot/counted.py)."""

import pytest

from bot.counted import asked_counted, counted_elsewhere
from retrieval.question import analyse

# One ceasefire violation and tens of thousands of residents, a dozen words from the peacekeepers.
AFTER = ("وبعد دخول قوات حفظ السلام، استقر الوضع في المنطقة، ولم يتم تسجيل سوى حالة انتهاك وقف إطلاق النار "
         "واحدة، كما عاد عشرات الآلاف من سكان قره باغ الذين تركوا منازلهم خلال الأعمال القتالية، وتمت عودتهم "
         "تحت غطاء من الوحدة الروسية حفظ السلام.")
# Several areas came under Baku's control; the peacekeepers are five words on.
AREAS = ("ونتيجة لهذا الاتفاق خضعت عدة مناطق لسيطرة باكو، كما انتشرت قوات روسية لحفظ السلام على طول خط التماس "
         "ومعبر لاتشين.")


def words(question: str) -> list[str]:
    q = analyse(question)
    return [word for word, _ in asked_counted(q.text, q.search_terms)]


@pytest.mark.parametrize("question, thing", [
    ("How many Russian peacekeepers were deployed to Karabakh?", ["روسيا", "قوات حفظ سلام"]),  # up to "were"
    ("Сколько российских миротворцев размещено в Карабахе?", ["روسيا", "قوات حفظ سلام"]),
    ("Сколько миротворцев Россия разместила в Карабахе?", ["قوات حفظ سلام"]),  # the noun: not its subject
    # the counted noun is "очков" (points), which the index cannot read, not the team after it
    ("Сколько очков Бронкос набрал за последние три минуты игры?", []),
    ("كم عدد جنود حفظ السلام الروس في قره باغ؟", ["جنود", "حفظ", "سلام", "روس"]),  # up to "في"
    ("كم عدد الدول التي انتقدت التصريح؟", ["دول"]),  # up to the relative word
    # what the number measures (its price, its number) is the frame, not the thing
    ("كم بلغ ثمن الفرقاطة فريم التي تسلمتها مصر؟", ["فرقاطة", "فريم"]),
    ("كم يبلغ عدد سكان المدينة؟", ["سكان", "مدينة"]),
    ("كم كانت قيمة الصفقة؟", ["صفقة"]),
])
def test_the_counted_thing_is_read_in_three_languages(question, thing):
    assert words(question) == thing


def test_a_question_that_counts_nothing_the_index_reads_has_no_thing():
    assert words("How much gas does Azerbaijan export?") == []  # "gas": not a word the index reads
    assert words("Кто возглавляет делегацию?") == []


def peacekeepers():
    q = analyse("How many Russian peacekeepers were deployed to Karabakh?")
    return asked_counted(q.text, q.search_terms)


def test_numbers_far_from_the_counted_thing_count_something_else():
    thing = peacekeepers()
    assert counted_elsewhere(thing, AFTER)
    assert counted_elsewhere(thing, AREAS)  # "عدة مناطق", five words before "قوات روسية"


@pytest.mark.parametrize("sentence", [
    "ونشرت روسيا نحو ألفي جندي من قوات حفظ السلام الروسية.",  # the number before the thing
    "وبلغ عدد قوات حفظ السلام الروسية نحو 1500.",  # the thing, then its count
    "وقالت موسكو إن عدد الجنود بلغ 1960.",  # the thing not named: left to the decision
])
def test_a_number_beside_the_counted_thing_counts_it(sentence):
    assert not counted_elsewhere(peacekeepers(), sentence)


def test_no_thing_checks_nothing():
    assert not counted_elsewhere((), AFTER)


@pytest.mark.parametrize("sentence, counted", [
    ("في أخطر تصعيد بين الطرفين منذ قرابة ثلاثة عقود.", False),     # decades: a length of time
    ("استمرت المفاوضات نحو 4 ساعات.", False),
    ("وتمركز نحو ألفي جندي روسي على طول خط التماس.", True),
    ("خلال ثلاث سنوات قتل 500 جندي.", True),                        # the soldiers, beside the years
])
def test_a_length_of_time_does_not_count_a_thing(sentence, counted):
    from bot.extract import counts_other_than_time
    assert counts_other_than_time(sentence) is counted


def test_a_price_in_a_sentence_naming_the_thing_far_from_it_is_another_price():
    q = analyse("كم بلغ ثمن الفرقاطة فريم التي تسلمتها مصر؟")
    frigate = asked_counted(q.text, q.search_terms)
    # the deal's value, six words before the frigate it includes
    assert counted_elsewhere(frigate, "وتشكل الطائرات الـ24 التي اشترتها مصر جزءا من صفقة بقيمة 5.2 مليار يورو "
                                      "تشمل أيضا فرقاطة متعدد المهام وصواريخ.")
    assert not counted_elsewhere(frigate, "وبلغ ثمن الفرقاطة فريم نحو 500 مليون يورو.")


@pytest.mark.parametrize("question, count", [
    ("How many employees did Halliburton lay off?", True),
    ("Сколько талибов было убито?", True),
    ("كم عدد القضاة في المحكمة؟", True),
    ("كم يبلغ عدد سكان المدينة؟", True),
    ("كم بلغت قيمة القرض؟", False),  # a sum, however it is asked
    ("How much did Greece pay?", False),
])
def test_a_count_of_things_is_asked_by_how_many_and_the_number_of(question, count):
    from bot.counted import ASKS_COUNT

    assert bool(ASKS_COUNT.search(question)) is count


def test_a_count_is_not_given_by_a_percentage_a_sum_of_money_or_a_quarter_of_the_year():
    from bot.extract import counts_things, gives_quantity

    profits = "وهوى صافي الأرباح إلى 53 مليون دولار أو ستة سنتات للسهم خلال الربع الثاني مقابل 91 سنتا للسهم."
    share = "وهبطت الإيرادات بنسبة 5.\u200f26 في المائة إلى 92.\u200f5 مليار دولار."
    for sentence in (profits, share):
        assert gives_quantity(sentence) and not counts_things(sentence), sentence
    assert counts_things("قتل 14 جنديا افغانيا في الضربة.")
    assert counts_things("بقي في هذا البلد 12500 جندي أجنبي بعد انسحاب 40 في المائة منهم.")
