"""Who holds an office: one quoted sentence must name the office, what it is tied to, and a person (bot/holder.py)."""

import pytest

from bot.holder import asked_office, unnamed_holder
from retrieval.normalize import analyze
from retrieval.question import Term

CO_CHAIRS = ("وأكدت الدائرة الدبلوماسية أن الجانب الروسي أكد استعداده لمساعدة هذه العملية من خلال الرؤساء "
             "المشاركين لمجموعة مينسك التابعة لمنظمة الأمن والتعاون في أوروبا.")
LAVROV = "بحث وزير الخارجية الروسي سيرغي لافروف مع نظيره الأذربيجاني جيهون بيراموف الوضع."
RUDENKO = "هذا وصرح نائب وزير الخارجية الروسي، أندريه رودينكو، اليوم الأربعاء، بأن روسيا ترحب بالسلام."
NAMES = frozenset({"لافروف", "سيرغ", "بيراموف", "جيه", "ارمينيا", "روسيا"})  # as the name table holds them


def terms(text: str) -> list[Term]:
    return [Term(word, frozenset({token})) for word, token in analyze(text)]


@pytest.mark.parametrize("question, office", [
    ("من هم الرؤساء المشاركون لمجموعة مينسك؟", "رؤساء"),
    ("من هو وزير الخارجية الروسي؟", "وزير"),
    ("ما اسم سفير أرمينيا لدى روسيا؟", "سفير"),
    ("Who is the Russian foreign minister?", "وزير"),      # the country before the office
    ("Кто является министром иностранных дел Армении?", "وزير"),
    # asked by the holder's name, as Arabic's ما اسم
    ("What is the name of the commander of the Russian peacekeepers?", "قائد"),
    ("Как зовут командующего российскими миротворцами?", "قائد"),
])
def test_the_office_a_question_asks_the_holder_of(question, office):
    found = asked_office(question, terms(question))
    assert found is not None and found.word == office


@pytest.mark.parametrize("question", [
    "من هو باشينيان؟",              # a name, not an office
    "Who is Lavrov?",
    "من وقع البيان المشترك؟",
    "Кто подписал заявление?",
    "ما هي عاصمة أرمينيا؟",
    "What is the name of the corridor that links Armenia and Karabakh?",  # a name, but of no office
])
def test_other_questions_ask_no_holder(question):
    assert asked_office(question, terms(question)) is None


def test_the_office_and_its_ties_without_a_name_do_not_answer():
    question = "من هم الرؤساء المشاركون لمجموعة مينسك؟"
    office = asked_office(question, terms(question))
    assert unnamed_holder(office, [CO_CHAIRS], NAMES) == "رؤساء"
    named = "وقال الرؤساء المشاركون لمجموعة مينسك الفرنسي ستيفان فيسكونتي والأمريكي أندرو شوفر إن الوضع هادئ."
    assert unnamed_holder(office, [CO_CHAIRS, named], NAMES | {"فيسكون"}) == ""
    assert unnamed_holder(None, [CO_CHAIRS], NAMES) == ""


def test_a_country_is_no_holder_and_the_name_may_follow_a_comma():
    question = "من هو وزير الخارجية الروسي؟"
    office = asked_office(question, terms(question))
    assert unnamed_holder(office, [LAVROV], NAMES) == ""
    # Russia is in the name table (announced by "جمهورية"), but holds no office
    assert unnamed_holder(office, ["وقال وزير الخارجية الروسي إن روسيا مستعدة."], NAMES) == "وزير"
    deputy = asked_office("من هو نائب وزير الخارجية الروسي؟", terms("من هو نائب وزير الخارجية الروسي؟"))
    assert unnamed_holder(deputy, [RUDENKO], NAMES) == ""  # أندريه رودينكو, after the comma


def test_the_ties_stand_near_the_office_not_anywhere_in_the_sentence():
    question = "من هو المتحدث باسم وزارة الخارجية الأذربيجانية؟"
    # the adjective realised by its country's name too, as the question parser reads it
    asked = [Term(t.word, t.tokens | {"اذربيج"}) if t.word == "اذربيجانية" else t for t in terms(question)]
    office = asked_office(question, asked)
    russian = ("أعلنت المتحدثة باسم وزارة الخارجية الروسية، ماريا زاخاروفا، إنّ وزراء خارجية روسيا وأرمينيا "
               "وأذربيجان سيعقدون اجتماعاً ثلاثياً في موسكو، اليوم الجمعة.")
    names = NAMES | {"زاخاروفا", "ماريا"}
    assert unnamed_holder(office, [russian], names) == office.word
    own = "وقال المتحدث باسم وزارة الخارجية الأذربيجانية ليلى عبد اللاييفا إن باكو مستعدة."
    assert unnamed_holder(office, [own], names | {"ليلي", "لاييفا"}) == ""
    # the country before the office, as the deputy prime minister's titles run
    georgia = asked_office("من هو وزير خارجية جورجيا؟", terms("من هو وزير خارجية جورجيا؟"))
    titles = "بدوره، صرّح نائب رئيس وزراء جورجيا، وزير الخارجية ديفيد زلكالياني، إنه ينبغي تمثيل تبليسي."
    assert unnamed_holder(georgia, [titles], names) == ""
    # the other side's minister, as news writes it: a counterpart of the office named before
    armenian = asked_office("من هو وزير الخارجية الأرمني الذي بحث معه لافروف؟",
                            terms("من هو وزير الخارجية الأرمني الذي بحث معه لافروف؟"))
    counterpart = ("بحث وزير الخارجية الروسي، سيرغي لافروف، اليوم الأربعاء، بشكل منفصل، مع نظيريه الأرمني، "
                   "زوغراب مناتساكانيان، والأذربيجاني، جيخون بايراموف، تنفيذ الاتفاقيات.")
    assert unnamed_holder(armenian, [counterpart], names | {"زوغراب"}) == ""


def test_leaders_are_held_by_heads_of_state_and_their_phrase_ends_at_a_preposition():
    from retrieval.question import analyse

    # "лидеров" reads as قادة; the sentence answering never writes it, and names a chancellor and a
    # president. The Russian phrase ends at "к": the meeting and Chisinau are not the leaders' ties.
    question = analyse("Кто из немецких и французских лидеров должен был присоединиться к встрече в Кишинёве?")
    office = asked_office(question.text, question.search_terms)
    assert office is not None and office.word == "قادة" and len(office.ties) == 2
    joined = "بمشاركة المستشار الألماني أولاف شولتس والرئيس الفرنسي إيمانويل ماكرون في كيشيناو."
    names = frozenset({"اولاف", "شولتس", "ايمانويل", "ماكرون"})
    assert unnamed_holder(office, [joined], names) == ""
    # a minister is an office of its own, not a leader
    minister = analyse("Who is the foreign minister of Armenia?")
    office = asked_office(minister.text, minister.search_terms)
    assert unnamed_holder(office, ["والتقى الرئيس الأرميني أرمين سركيسيان الوفد."], frozenset({"ارمين", "سركيسيان"}))


def test_the_country_of_the_passage_need_not_be_named_again_in_the_sentence():
    from retrieval.question import analyse

    question = analyse("من هو وزير الخارجية الفرنسي الذي قد يخلفه لودريان؟")
    office = asked_office(question.text, question.search_terms)
    names = frozenset({"لوران", "فابيوس", "لودريان"})
    sentence = "إذ إن اسمه مطروح وزيرا للخارجية خلفا للوزير الحالي لوران فابيوس الذي يبدو أنه سيترك الوزارة."
    portrait = "ولعل أبرز نجاحات لودريان هو بيع طائرة رافال الفرنسية المقاتلة. " + sentence
    assert unnamed_holder(office, [portrait], names) == ""
    # the passage never names France: nothing ties the minister to it
    assert unnamed_holder(office, [sentence], names) == office.word
    # the sentence names another country: its minister is that country's
    other = "ولعل أبرز نجاحات لودريان بيع رافال الفرنسية. وقال وزير الخارجية المصري سامح شكري إن الصفقة مهمة."
    assert unnamed_holder(office, [other], names | {"سامح", "شكري"}) == office.word


def test_what_the_sentence_before_said_of_the_office_need_not_be_said_again():
    from retrieval.question import analyse

    question = analyse("من هو رئيس لجنة التشريع العام في البرلمان التونسي؟")
    office = asked_office(question.text, question.search_terms)
    before = "توصل أعضاء لجنة التشريع العام في البرلمان التونسي أمس إلى التوافق بشأن القانون."
    head = "وأوضح رئيس لجنة التشريع العام، عبادة الكافي، لوكالة الأنباء الألمانية أن الأعضاء توصلوا إلى اتفاق."
    # the committee's head named after a comma; Tunisia's parliament in the sentence before
    assert unnamed_holder(office, [before + " " + head], frozenset()) == ""
    # with no sentence before naming the parliament, nothing ties him to it
    assert unnamed_holder(office, [head], frozenset()) == office.word
    # the sentence must hold a tie of its own: a head of nothing the question names is no answer
    bare = "وقال الرئيس، عبادة الكافي، إن الاتفاق قريب."
    assert unnamed_holder(office, [before + " " + bare], frozenset()) == office.word


def test_a_name_a_verb_of_saying_puts_before_its_title_holds_the_office():
    # "وقال كريس فيليرز المتحدث باسم بوينغ": the name first, the title after it, as news often
    # writes a company's or an army's spokesman; the name table never reads it (no title before it).
    question = "من هو المتحدث باسم بوينغ؟"
    office = asked_office(question, terms(question))
    said = "وقال كريس فيليرز المتحدث باسم بوينغ لوكالة الصحافة الفرنسية إن القطعة ليست من العجلات."
    assert unnamed_holder(office, [said], NAMES) == ""
    # the office said with no name before it, or a verb followed by the title itself, names no one
    assert unnamed_holder(office, ["وقال المتحدث باسم بوينغ إن القطعة ليست من العجلات."], NAMES) == office.word
    assert unnamed_holder(office, ["وقالت إن المتحدث باسم بوينغ لم يعلق."], NAMES) == office.word
