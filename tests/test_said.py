"""What a named person said about something must be said by that person in the quoted passages (bot/said.py)."""

import pytest

from bot.said import asked_speech, unsaid
from retrieval.normalize import analyze
from retrieval.question import Term

BLINKEN = ("وأعلن في نهايتها وزير الخارجية الأميركي أنتوني بلينكن أنّ الوزيرين أحرزا تقدماً في التفاهم. "
           "واستضافت واشنطن وزيري خارجية البلدين، مع التركيز على التصعيد الذي أعقب إنشاء نقطة تفتيش في بداية ممر لاتشين.")
LAVROV = ("بحث وزير الخارجية الروسي سيرغي لافروف مع نظيره الأذربيجاني جيهون بيراموف الوضع على الحدود. "
          "وجاء في البيان أنه تم ضبط الساعات. "
          "وفي الوقت ذاته، أكد الوزير الروسي على أهمية مواصلة الجهود الهادفة إلى التسوية السياسية.")


def term(word: str, *extra: str) -> Term:
    """A question term as the analyser reads an Arabic word, with any other tokens it reaches."""
    return Term(word, frozenset({token for _, token in analyze(word)} | set(extra)))


def people(*words: str) -> list[tuple[str, set[str]]]:
    return [(w, {token for _, token in analyze(w)}) for w in words]


@pytest.mark.parametrize("question, speaker_words", [
    ("What did Blinken say about the Lachin corridor?", "blinken"),
    ("What has Blinken stated on the Lachin corridor?", "blinken"),
    ("Что сказал Блинкен о Лачинском коридоре?", "блинкен"),
    ("Что Блинкен заявил о Лачинском коридоре?", "блинкен"),
    ("ماذا قال بلينكن عن ممر لاتشين؟", "لينكن"),
    ("ما الذي صرح به بلينكن بشأن ممر لاتشين؟", "لينكن"),
])
def test_the_speaker_and_the_topic_are_read_in_three_languages(question, speaker_words):
    # The English and Russian name reaches بلينكن as the question analyser's cross-script key would.
    blinken = {token for _, token in analyze("بلينكن")}
    names = [(speaker_words, blinken | {token for _, token in analyze(speaker_words)})]
    # "corridor" and "коридоре" are glossary words: read as ممر
    speech = asked_speech(question, [Term(speaker_words, frozenset(names[0][1])), term("ممر")], names)
    assert speech is not None, question
    assert speech.speaker == speaker_words
    assert any("ممر" in need for needed in speech.topic for need in needed)


@pytest.mark.parametrize("question", [
    "What did Blinken and Lavrov discuss?",      # no verb of saying "about"
    "Who said the corridor would stay open?",     # who, not what a named person said
    "ماذا بحث لافروف وبيراموف في مينسك؟",
    "متى قال بلينكن ذلك؟",
])
def test_other_questions_ask_no_speech(question):
    names = people("بلينكن", "لافروف", "بيراموف")
    terms = [term(w) for w in ("بلينكن", "لافروف", "بيراموف", "ممر", "مينسك")]
    assert asked_speech(question, terms, names) is None


def test_a_place_or_an_unnamed_speaker_is_not_checked():
    # "what did Yerevan stress": a government speaks through its ministry; the caller passes people only
    terms = [term("يريفان"), term("اسرى")]
    assert asked_speech("ماذا أكدت يريفان بشأن أسرى الحرب؟", terms, []) is None
    # a topic the index cannot read says nothing either way
    assert asked_speech("What did Blinken say about the fishing quotas?", [Term("fishing", frozenset({"fish"}))],
                        [("blinken", {"لينك"})]) is None


def test_the_speaker_named_in_one_sentence_and_the_topic_in_the_next_story_is_unsaid():
    speech = asked_speech("ماذا قال بلينكن عن ممر لاتشين؟", [term("بلينكن"), term("ممر"), term("لاتشين")],
                          people("بلينكن"))
    assert unsaid(speech, [BLINKEN]) == "بلينكن / ممر, لاتشين"
    # said in the person's own sentence: answered
    said_there = "وقال بلينكن إن ممر لاتشين يجب أن يبقى مفتوحا."
    assert unsaid(speech, [BLINKEN, said_there]) == ""
    # the person named nowhere in what would be quoted
    assert unsaid(speech, ["واستضافت واشنطن الوزيرين لبحث ممر لاتشين."]) == "بلينكن / ممر, لاتشين"
    assert unsaid(None, [BLINKEN]) == ""


def test_the_person_named_beside_the_topic_without_giving_words_is_unsaid():
    # "What did Raul Castro say about the reopening of the embassy?": the embassies reopened in
    # the process he and Obama began; he says nothing there
    castro = "أعادت الولايات المتحدة وكوبا فتح سفارتيهما في التقارب الذي بدأه أوباما ونظيره راؤول كاسترو."
    speech = asked_speech("ماذا قال كاسترو عن السفارة؟", [term("كاسترو"), term("سفارتيهما", "سفار")], people("كاسترو"))
    assert speech is not None
    assert unsaid(speech, [castro]) == "كاسترو / سفارتيهما"
    assert unsaid(speech, ["وأعرب راؤول كاسترو عن ارتياحه لإعادة فتح السفارتين."]) == ""


def test_a_sentence_that_goes_on_reporting_the_speaker_counts():
    # Lavrov is named once; "وجاء في البيان" and "أكد الوزير الروسي" go on with what he said.
    speech = asked_speech("ماذا قال لافروف عن التسوية السياسية؟", [term("لافروف"), term("تسوية"), term("سياسية")],
                          people("لافروف"))
    assert speech is not None
    assert unsaid(speech, [LAVROV]) == ""
    # a sentence of another story between them ends the report
    interrupted = LAVROV.replace("وجاء في البيان أنه تم ضبط الساعات.", "واستضافت واشنطن وزيري خارجية البلدين.")
    assert unsaid(speech, [interrupted]) != ""


def test_a_topic_phrase_needs_all_its_words_in_one_sentence():
    # "the OSCE Minsk Group" is not held by a sentence about "cooperation" (التعاون) alone
    osce = Term("منظمة امن تعاون اوروبا", frozenset({"منظم", "امن", "تعا", "اوروبا"}))
    erdogan = "طرح الرئيسان الأذربيجاني إلهام علييف والتركي رجب طيب أردوغان مبادرة ترمي إلى التعاون في المنطقة."
    speech = asked_speech("Что сказал Эрдоган о ОБСЕ?", [Term("эрдоган", frozenset({"эрдога", "اردوغ"})), osce],
                          [("эрдоган", {"эрдога", "اردوغ"})])
    assert speech is not None
    assert unsaid(speech, [erdogan]) == "эрдоган / منظمة امن تعاون اوروبا"
    assert unsaid(speech, ["وقال أردوغان إن منظمة الأمن والتعاون في أوروبا فشلت."]) == ""


@pytest.mark.parametrize("question, speaker", [
    ("Что заявил Набиль аль-Араби на встрече с де Мистурой?", "набиль"),
    ("What did Nabil al-Arabi say?", "nabil"),
    ("What did Nabil al-Arabi tell reporters after the meeting?", "nabil"),
    ("ماذا قال نبيل العربي في القاهرة؟", "نبيل"),
])
def test_what_a_person_said_with_no_topic_needs_the_person_saying_something(question, speaker):
    nabil = {token for _, token in analyze("نبيل")}
    names = [(speaker, nabil | {token for _, token in analyze(speaker)})]
    speech = asked_speech(question, [Term(speaker, frozenset(names[0][1]))], names)
    assert speech is not None and speech.topic == ()
    met = ("وتوجه المبعوث الخاص إلى القاهرة بهدف عقد اجتماع مع الأمين العام لجامعة الدول العربية نبيل العربي. "
           "واغتنم دي ميستورا الفرصة لمناقشة الاجتماع المقبل في مجلس الأمن.")
    assert unsaid(speech, [met]) == f"{speaker} / (anything)"
    # a verb of saying anywhere in the sentence naming him, or the next sentence going on with his words
    assert unsaid(speech, ["وصرح الأمين العام لجامعة الدول العربية نبيل العربي، اليوم، بأن الحل سياسي."]) == ""
    assert unsaid(speech, ["التقى نبيل العربي المبعوث الخاص. وأضاف أن الحل سياسي."]) == ""
    assert unsaid(speech, ["وبحسب نبيل العربي فإن الحل سياسي."]) == ""
    # the verbs news reports a stance with count as saying
    assert unsaid(speech, ["ورحب نبيل العربي بالمبادرة الروسية."]) == ""
    assert unsaid(speech, ["وأعلن الأمين العام نبيل العربي دعمه للمبعوث."]) == ""


def test_a_title_is_no_speaker_and_a_topic_still_goes_first():
    names = people("لافروف")
    # "what did the Chinese foreign minister say to de Mistura": a title, not a name
    assert asked_speech("ماذا قال وزير الخارجية الصيني لدي ميستورا؟", [term("وزير"), term("صيني")], names) is None
    # with "about", the topic is what must be said
    speech = asked_speech("ماذا قال لافروف عن الحدود؟", [term("لافروف"), term("حدود")], names)
    assert speech is not None and speech.topic


def test_the_words_given_are_the_persons_own_and_on_the_topics_rarest_word():
    merkel = people("ميركل")
    speech = asked_speech("ماذا قالت ميركل عن الاتفاق مع إيران؟",
                          [term("ميركل"), term("اتفاق"), term("ايران")], merkel)
    assert speech is not None
    rarity = {"اتفاق": 2.3, "اير": 2.5}.get  # index tokens: ايران is read اير
    idf = lambda token: rarity(token, 0.0)
    # Merkel is named in her deputy's title; the attribution a dozen words on is his ministry's
    titled = ("ويبدأ غابريال، الذي يشغل كذلك منصب نائب المستشارة أنجيلا ميركل ووزير الطاقة، زيارته إلى إيران "
              "التي تستغرق ثلاثة أيام على رأس وفد من ممثلي الشركات والمجموعات الصناعية بعد الاتفاق، بحسب بيان من وزارته.")
    assert unsaid(speech, [titled], idf) != ""
    # her words on another deal: the topic's rarest word, Iran, is not among them
    greek = "وهو الوضع الذي قالت عنه المستشارة أنجيلا ميركل إنه ليس طبيعيا، وتعهدت بمفاوضات حول اتفاق إنقاذ جديد لليونان."
    assert unsaid(speech, [greek], idf) == "ميركل / اتفاق, ايران"
    assert unsaid(speech, [greek]) == ""  # without the index's idf, any word of the topic will do
    own = "وقالت ميركل إن الاتفاق مع إيران فرصة للشركات."
    assert unsaid(speech, [own], idf) == ""
