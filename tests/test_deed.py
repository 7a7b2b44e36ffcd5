"""What someone agreed, promised or proposed must be told of them in the quoted passages (bot/deed.py)."""

import pytest

from bot.deed import asked_deed, tells_deed, undone
from retrieval.normalize import analyze
from retrieval.question import Term

BRUSSELS = ("وسبق محادثات موسكو اجتماع ثلاثي في بروكسل في 14 أيار/مايو بين رئيس الوزراء الأرميني نيكول باشينيان "
            "والرئيس الأذربايجاني إلهام علييف ورئيس المجلس الأوروبي شارل ميشيل. "
            "إضافة إلى ذلك، يعتزم رئيس المجلس الأوروبي عقد اجتماع آخر موسع للزعيمين.")
SIGNED = ("وفي 9 نوفمبر، وقّع الرئيس الأذربيجاني إلهام علييف والرئيس الروسي فلاديمير بوتين ورئيس الوزراء الأرمني "
          "نيكول باشينيان بياناً مشتركاً يقضي بالوقف التام للمواجهات العسكرية.")
SIX = ("طرح الرئيسان الأذربيجاني إلهام علييف، والتركي رجب طيب أردوغان مبادرة بشأن صيغة سداسية الأطراف. "
       "من جهتها، رحّبت إيران بهذه الفكرة، وتعهدت باستعدادها للمساعدة في خطوات توطيد السلام في المنطقة.")


def term(word: str, *extra: str) -> Term:
    """A question term as the analyser reads an Arabic word, with any other tokens it reaches."""
    return Term(word, frozenset({token for _, token in analyze(word)} | set(extra)))


def actors(found) -> list[list[str]]:
    return [[word for word, _ in doer] for doer in found.actors]


@pytest.mark.parametrize("question, terms, deed, doers", [
    ("ما الذي اتفق عليه باشينيان وعلييف في بروكسل؟", ["اتفق", "باشينيان", "علييف", "بروكسل"], "agreed",
     [["باشينيان"], ["علييف"]]),  # two doers, either may have done it; Brussels is where, not who
    ("ماذا اقترح وزير الخارجية الأرمني؟", ["اقترح", "وزير", "ارمني"], "proposed", [["وزير", "ارمني"]]),  # وزير: not "and"
    ("بماذا تعهدت إيران؟", ["تعهد", "ايران"], "promised", [["ايران"]]),
    ("What did the Georgian opposition propose instead?", ["جورجيا", "معارضة"], "proposed", [["جورجيا", "معارضة"]]),
    ("What did Lavrov and Bayramov agree on?", ["lavrov", "bayramov"], "agreed", [["lavrov"], ["bayramov"]]),
    ("What was agreed at the talks in Vienna?", ["محادثات", "فيينا"], "agreed", []),
    ("What did the Kremlin say was agreed?", ["كرملين"], "agreed", []),  # the Kremlin tells it
    ("Что пообещала Турция в отношении шестистороннего формата?", ["турция", "سداسي"], "promised", [["турция"]]),
    ("О чём договорились Пашинян и Алиев в Брюсселе?", ["пашинян", "алиев", "брюсселе"], "agreed",
     [["пашинян"], ["алиев"]]),
    ("Что Лавров предложил?", ["лавров"], "proposed", [["лавров"]]),
    # what was signed: an agreement, asked by the document too
    ("What agreement did Armenia and Turkey sign?", ["armenia", "turkey"], "agreed", [["armenia"], ["turkey"]]),
    ("Какое соглашение подписали Армения и Турция?", ["армения", "турция"], "agreed", [["армения"], ["турция"]]),
    ("ما الاتفاق الذي وقعته أرمينيا وتركيا؟", ["ارمينيا", "تركيا"], "agreed", [["ارمينيا"], ["تركيا"]]),
    ("Что подписали Путин и Алиев?", ["путин", "алиев"], "agreed", [["путин"], ["алиев"]]),
    # what was demanded or urged
    ("What did the Georgian opposition demand from Zalkaliani?", ["جورجيا", "معارضة", "زلكالياني"], "demanded",
     [["جورجيا", "معارضة"]]),
    ("К чему призвал Лавров?", ["лавров"], "demanded", [["лавров"]]),
    ("ماذا طالبت المعارضة الجورجية؟", ["معارضة", "جورجية"], "demanded", [["معارضة", "جورجية"]]),
])
def test_the_deed_and_its_doers_are_read_in_three_languages(question, terms, deed, doers):
    # Latin and Cyrillic words stand for themselves here; the analyser adds their Arabic forms
    found = asked_deed(question, [term(w, f"عربي{i}") for i, w in enumerate(terms)])
    assert found is not None, question
    assert found.deed == deed
    assert actors(found) == doers


@pytest.mark.parametrize("question", [
    "ماذا قال لافروف عن الاتفاق؟",   # what was said about an agreement is the speech check's
    "What did Lavrov say about the agreement?",
    "Кто подписал заявление?",
    "متى تم توقيع الاتفاق؟",
    "ماذا وقع في مينسك؟",  # what happened there, not what was signed
])
def test_other_questions_ask_no_deed(question):
    assert asked_deed(question, [term("لافروف"), term("اتفاق")]) is None


def test_a_meeting_with_nothing_agreed_at_it_is_undone():
    found = asked_deed("ما الذي اتفق عليه باشينيان وعلييف في بروكسل؟",
                       [term(w) for w in ("اتفق", "باشينيان", "علييف", "بروكسل")])
    brussels = term("بروكسل")
    # the doers signed something elsewhere: not in Brussels
    assert undone(found, brussels, [BRUSSELS, SIGNED]) == "باشينيان / علييف: agreed"
    # told in the sentence after the meeting's: answered
    agreed = BRUSSELS.replace("إضافة إلى ذلك،", "واتفق باشينيان وعلييف على مواصلة المحادثات. إضافة إلى ذلك،")
    assert undone(found, brussels, [agreed]) == ""
    # nothing of the question in the passages: other evidence decides
    assert undone(found, None, [SIGNED]) == ""
    assert undone(None, brussels, [BRUSSELS]) == ""


def test_a_promise_must_be_the_named_doers():
    # Turkey proposed the format; Iran, in the next sentence, promised its help
    found = asked_deed("Что пообещала Турция в отношении шестистороннего формата?",
                       [term("турция", "ترك", "تركيا"), term("سداسي")])
    assert undone(found, term("سداسي"), [SIX]) == "турция: promised"
    iran = asked_deed("Что пообещал Иран в связи с шестисторонней инициативой?",
                      [term("иран", "ايران"), term("سداسي")])
    assert undone(iran, term("سداسي"), [SIX]) == ""
    # a doer of several words is named whole: "the Georgian opposition", not any opposition
    opposition = asked_deed("What did the Georgian opposition propose?", [term("جورجيا"), term("معارضة")])
    elsewhere = "ودعت المعارضة في فنزويلا إلى انتخابات مبكرة."
    assert undone(opposition, term("معارضة"), [elsewhere]) == "جورجيا معارضة: proposed"
    assert undone(opposition, term("معارضة"), ["واقترحت المعارضة في جورجيا صيغة أخرى."]) == ""


def test_the_words_of_each_deed():
    for word in ("اتفق", "الاتفاقية", "توصلا", "وقّع", "تعهدت", "وعد", "اقترح", "بمبادرة", "طرحت", "دعا", "طالبت", "وحث"):
        assert tells_deed(word), word
    for word in ("قال", "باشينيان", "بروكسل", "وزير", "اجتماع", "بحث", "بحثت"):  # بحث: discussed, not ب + حث
        assert not tells_deed(word), word


def test_an_agreement_names_all_its_parties():
    # "What agreement did Armenia and Turkey sign?": Armenia signed the ceasefire with Azerbaijan
    found = asked_deed("What agreement did Armenia and Turkey sign?",
                       [term("armenia", "ارمن", "ارمينيا"), term("turkey", "ترك", "تركيا"), term("اتفاق")])
    armenia_signs = "ووقع رئيس الوزراء الأرمني بياناً مشتركاً مع الرئيس الأذربيجاني."
    assert undone(found, term("armenia", "ارمن"), [armenia_signs]) == "armenia / turkey: agreed"
    assert undone(found, term("armenia", "ارمن"), ["ووقعت أرمينيا وتركيا بروتوكولين لتطبيع العلاقات."]) == ""


def test_a_demand_and_a_sentence_that_goes_on_reporting_it():
    found = asked_deed("What did Lavrov urge?", [term("lavrov", "لافروف")])
    about = term("lavrov", "لافروف")
    named = "بحث وزير الخارجية الروسي سيرغي لافروف مع نظيره الأذربيجاني الوضع على الحدود."
    # "stressed the importance of" in the next sentence, which goes on reporting him
    urged = "وفي الوقت ذاته، أكد الوزير الروسي على أهمية مواصلة الجهود الهادفة إلى التسوية."
    assert undone(found, about, [named + " " + urged]) == ""
    # the same words after a sentence that does not report: someone else's story
    assert undone(found, about, [named + " وتشهد المنطقة توترا. ويرى مراقبون أهمية مواصلة الجهود."]) == "lavrov: demanded"
