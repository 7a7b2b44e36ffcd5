"""A country tied to an office in the question must be tied to it in the passages (bot/qualifiers.py)."""

import pytest

from bot.qualifiers import apart, asked_role, contrast, elsewhere, ties, unheld, unnamed_place
from retrieval.normalize import analyze, tokenize
from retrieval.question import Term, analyse

PASHINYAN = "وقّع الرئيس الروسي فلاديمير بوتين والرئيس الأذربيجاني إلهام علييف ورئيس الوزراء الأرمني نيكول باشينيان بياناً."
FOREIGN_MINISTERS = "وذكر في وقت سابق أن وزيري خارجية أرمينيا وأذربيجان سيقومان بزيارة إلى موسكو."


def tied(question: str) -> list[tuple[str, str]]:
    return [(t.word, t.country) for t in ties(question)]


@pytest.mark.parametrize("question, expected", [
    ("من هو رئيس وزراء أذربيجان؟", [("وزراء", "اذربيجان")]),          # construct
    ("من هو وزير الخارجية الإيراني؟", [("خارجية", "ايراني")]),         # adjective after a two-word office
    ("ما هي عاصمة جورجيا؟", [("عاصمة", "جورجيا")]),                  # a kind of place
    ("ما موقف الصين من النزاع؟", []),       # a relation, which the answer may word otherwise
    ("ما هي الدولة التي تقع جنوب لبنان؟", []),
    ("من كم محافظة تتكون دولة العراق؟", []),  # the state of Iraq is Iraq
    ("من هو رئيس جمهورية أرمينيا؟", [("رئيس", "ارمينيا")]),  # the official name between them
    ("ما العلاقات بين روسيا وأذربيجان؟", []),  # two countries, neither qualifies the other
    ("ماذا قال لافروف في أذربيجان؟", []),      # a word between: not a tie
    # a name after the tie says who is meant, spelt as the corpus does or not
    ("ماذا بحث لافروف مع الوزير الأرمني زوهراب مناتساكانيان؟", []),
])
def test_the_question_ties_a_country_to_an_office(question, expected):
    assert tied(question) == expected


def test_a_passage_tying_the_office_to_another_country_is_a_contrast():
    found = contrast(ties("من هو رئيس وزراء أذربيجان؟"), [FOREIGN_MINISTERS, PASHINYAN], quoted=3)
    assert found is not None and found.other == "ارمني"
    assert "وزراء" in found.describe() and "ارمني" in found.describe()


def test_the_prime_minister_of_the_republic_is_not_its_president():
    # The seed names "رئيس وزراء جمهورية أرمينيا نيكول باشينيان" and never Armenia's president.
    prime_minister = "بين الرئيس الروسي فلاديمير بوتين ورئيس وزراء جمهورية أرمينيا نيكول باشينيان"
    found = contrast(ties("من هو رئيس جمهورية أرمينيا؟"), [prime_minister], quoted=3)
    assert found is not None and found.other == "روسي"


@pytest.mark.parametrize("passage", [
    "ورئيس الوزراء الأذربيجاني علي أسدوف",                  # the adjective
    "التقى رئيس وزراء أذربيجان",                              # the construct
    "رئيس وزراء جمهورية أذربيجان",                            # the official name
    "رئيس وزراء أرمينيا وأذربيجان",                           # in a list
])
def test_a_passage_holding_the_tie_anywhere_clears_the_contrast(passage):
    assert contrast(ties("من هو رئيس وزراء أذربيجان؟"), [PASHINYAN, passage], quoted=3) is None


def test_an_office_after_its_country_and_a_comma_holds_the_tie():
    # two titles of one person: Georgia's deputy prime minister, the foreign minister
    georgian = "بدوره، صرّح نائب رئيس وزراء جورجيا، وزير الخارجية ديفيد زلكالياني، إنه ينبغي تمثيل تبليسي."
    russian = "وقال وزير الخارجية الروسي سيرغي لافروف إن الجانب الروسي يعمل مع الزملاء."
    question = ties("من هو وزير الخارجية الجورجي؟")
    assert contrast(question, [russian], quoted=3) is not None
    assert contrast(question, [russian, georgian], quoted=3) is None
    assert contrast(question, [russian], quoted=3, more=lambda: [georgian]) is None
    # a comma and another office: no tie
    assert contrast(question, [russian, "زار جورجيا، رئيس الوزراء."], quoted=3) is not None


def test_an_office_the_quoted_articles_never_name_is_unheld():
    # no ambassador in what would be quoted: it cannot say who Armenia's ambassador is
    question = "من هو سفير أرمينيا لدى روسيا؟"
    assert unheld(ties(question), lambda: [PASHINYAN, FOREIGN_MINISTERS]) == "سفير ارمينيا"
    # any ambassador named is contrast's case, not this one
    assert unheld(ties(question), lambda: [PASHINYAN, "التقى لافروف سفير فرنسا."]) == ""
    assert unheld(ties("من هو رئيس وزراء أرمينيا؟"), lambda: [PASHINYAN]) == ""
    assert unheld([], lambda: [PASHINYAN]) == ""
    # a chat's spelling (الخارجيه) is held through the question's reading of it (خارجية)
    chat = "من هو وزير الخارجيه الايراني؟"
    minister = "وقال وزير الخارجية الروسي سيرغي لافروف إن الاجتماع مهم."
    assert unheld(ties(chat), lambda: [minister]) == "خارجيه ايراني"
    held = set(tokenize(minister))  # an index holding the minister's passage alone
    read = analyse(chat, known=held.__contains__, frequency=lambda token: int(token in held))
    assert unheld(ties(chat), lambda: [minister], read.search_terms) == ""


@pytest.mark.parametrize("question, role", [
    ("ما اسم قائد قوات حفظ السلام الروسية في قره باغ؟", "قائد"),
    ("من هو سفير روسيا في باكو؟", "سفير"),
    ("ومن هي المتحدثة باسم الخارجية الروسية؟", "متحدثة"),
    ("من هو الرئيس الأذربيجاني؟", "رئيس"),
    ("من هو باشينيان؟", None),             # a name, not a role
    ("من وقع البيان المشترك؟", None),       # a verb: who did it
    ("ما هو موقف إيران؟", None),
])
def test_the_role_an_arabic_question_asks_the_name_of(question, role):
    found = asked_role(question)
    assert (found[0] if found else None) == role


def test_a_role_the_quoted_articles_never_name_is_unheld():
    question = "ما اسم قائد قوات حفظ السلام الروسية في قره باغ؟"
    peacekeepers = "وتمت عودتهم تحت غطاء من الوحدة الروسية لحفظ السلام."
    assert unheld([], lambda: [peacekeepers], role=asked_role(question)) == "قائد"
    assert unheld([], lambda: [peacekeepers, "وقال قائد القوات الروسية إن الوضع مستقر."], role=asked_role(question)) == ""
    assert unheld([], lambda: [PASHINYAN], role=asked_role("من هو الرئيس الأذربيجاني؟")) == ""


def test_a_deputy_holds_another_office_than_the_one_his_title_completes():
    # The seed names Georgia's deputy prime minister, never its prime minister.
    georgian = "بدوره، صرّح نائب رئيس وزراء جورجيا، وزير الخارجية ديفيد زلكالياني، إنه ينبغي تمثيل تبليسي."
    rudenko = "هذا وصرح نائب وزير الخارجية الروسي، أندريه رودينكو، اليوم الأربعاء."
    lavrov = "بحث وزير الخارجية الروسي سيرغي لافروف مع نظيره الأذربيجاني."
    found = contrast(ties("من هو رئيس وزراء جورجيا؟"), [georgian], quoted=3)
    assert found is not None and "نائب" in found.describe() and "جورجيا" in found.describe()
    assert [t.deputy for t in ties("من هو نائب رئيس وزراء جورجيا؟")] == [True]
    assert contrast(ties("من هو نائب رئيس وزراء جورجيا؟"), [georgian], quoted=3) is None
    # the deputy asked, the minister quoted: another office too; both quoted: the deputy's holds
    assert contrast(ties("من هو نائب وزير الخارجية الروسي؟"), [lavrov], quoted=3) is not None
    assert contrast(ties("من هو نائب وزير الخارجية الروسي؟"), [lavrov, rudenko], quoted=3) is None
    assert contrast(ties("من هو وزير الخارجية الروسي؟"), [rudenko], quoted=3) is not None
    assert contrast(ties("من هو وزير الخارجية الروسي؟"), [rudenko, lavrov], quoted=3) is None
    # the comma's second title still holds: Zalkaliani is Georgia's foreign minister
    assert contrast(ties("من هو وزير الخارجية الجورجي؟"), [georgian], quoted=3) is None


def test_affairs_completes_an_office_without_changing_it():
    # "نائب وزير الشؤون الخارجية الصيني" is China's deputy foreign minister
    beijing = "زار المبعوث بكين حيث التقى مع نائب وزير الشؤون الخارجية الصيني لي باو دونغ."
    assert contrast(ties("من هو نائب وزير الخارجية الصيني؟"), [beijing], quoted=3) is None
    assert [t.deputy for t in ties("من هو نائب وزير الشؤون الخارجية الصيني؟")] == [True]
    found = contrast(ties("ماذا قال وزير الخارجية الصيني في بكين؟"), [beijing], quoted=3)
    assert found is not None and found.describe().startswith("«…") and "«نائب" in found.describe()


@pytest.mark.parametrize("question, expected", [
    ("Who is the Turkish foreign minister?", [("خارجية", "تركيا", False)]),      # the adjective before
    ("Who is the foreign minister of Turkey?", [("خارجية", "تركيا", False)]),    # "of" after
    ("Кто является министром иностранных дел Турции?", [("خارجية", "تركيا", False)]),  # the genitive
    ("Who is Armenia's prime minister?", [("وزراء", "ارمينيا", False)]),
    ("What did Lavrov and the Armenian foreign minister discuss?", [("خارجية", "ارمينيا", False)]),
    ("Who is the Russian deputy foreign minister?", [("خارجية", "روسيا", True)]),
    ("Кто заместитель министра иностранных дел России?", [("خارجية", "روسيا", True)]),
    ("What did the foreign minister say in Turkey?", []),           # a preposition between
    ("Что сказал министр иностранных дел в Турции?", []),
    ("What did the Turkish foreign minister Cavusoglu say?", []),   # the name says who
    ("What did Russia and Turkey discuss?", []),                    # no office
    # the titles that announce a name in Arabic, read in English and Russian (aliases.tsv)
    ("Who is Armenia's ambassador to Russia?", [("سفير", "ارمينيا", False)]),
    ("Что сказал посол Франции в Ереване?", [("سفير", "فرنسا", False)]),
    ("Who is the Russian commander of the peacekeepers?", [("قائد", "روسيا", False)]),
])
def test_an_english_or_russian_question_ties_a_country_to_an_office(question, expected):
    from bot.qualifiers import ties_across

    assert [(t.word, t.country, t.deputy) for t in ties_across(question)] == expected


def test_an_english_question_about_another_countrys_minister_is_a_contrast():
    from bot.qualifiers import ties_across

    russian = "وقال وزير الخارجية الروسي سيرغي لافروف إن الجانب الروسي يعمل مع الزملاء من تركيا."
    found = contrast(ties_across("Who is the Turkish foreign minister?"), [russian], quoted=3)
    assert found is not None and found.other == "روسي"
    assert contrast(ties_across("Who is the Russian foreign minister?"), [russian], quoted=3) is None
    assert contrast(ties_across("Who is Azerbaijan's prime minister?"), [PASHINYAN], quoted=3) is not None
    assert contrast(ties_across("Who is Armenia's prime minister?"), [PASHINYAN], quoted=3) is None


def test_a_country_the_question_names_is_not_another_country():
    from bot.qualifiers import named_countries, ties_across

    question = "Какую инициативу выдвинули азербайджанский и турецкий президенты?"
    passage = "طرح الرئيسان الأذربيجاني إلهام علييف، والتركي رجب طيب أردوغان مبادرة بشأن صيغة سداسية الأطراف."
    assert [t.country for t in ties_across(question)] == ["تركيا"]  # the adjective before the office
    assert contrast(ties_across(question), [passage], quoted=3) is not None  # Azerbaijan's president alone
    named = named_countries(analyse(question).terms)
    assert contrast(ties_across(question), [passage], quoted=3, named=named) is None


def test_only_the_passages_to_be_quoted_can_contrast():
    question = ties("من هو رئيس وزراء أذربيجان؟")
    unrelated = "قال المسؤول إن الاجتماع سيعقد غدا."
    assert contrast(question, [unrelated, unrelated, unrelated, PASHINYAN], quoted=3) is None
    assert contrast(question, [unrelated, PASHINYAN], quoted=3) is not None


def test_the_rest_of_the_quoted_article_may_hold_the_tie():
    question = ties("من هو رئيس وزراء أذربيجان؟")
    asked = []

    def article():
        asked.append(1)
        return ["عنوان", "وقال رئيس الوزراء الأذربيجاني إن..."]

    assert contrast(question, [PASHINYAN], quoted=3, more=article) is None and asked
    assert contrast(question, [PASHINYAN], quoted=3, more=lambda: ["عنوان"]) is not None


def test_an_office_the_passages_never_tie_is_no_contrast():
    # the passages speak of Azerbaijan, not of its prime minister: the decision model weighs that
    assert contrast(ties("من هو رئيس وزراء أذربيجان؟"), [FOREIGN_MINISTERS], quoted=3) is None


ARMENIAN_MINISTER = "وقال وزير الخارجية الأرمني أرارات ميرزويان إن وقف إطلاق النار صامد."


def unnamed(question: str, *passages: str) -> str:
    return unnamed_place(analyse(question).terms, list(passages))


@pytest.mark.parametrize("question, country", [
    ("What did the Iranian foreign minister say about the ceasefire?", "ايران"),   # an English adjective
    ("Что сказал министр иностранных дел Ирана о прекращении огня?", "ايران"),    # a Russian case form
    ("ما هو موقف الصين من النزاع؟", "صين"),                                       # a relation, not an office
    ("ماذا قال وزير الخارجية التركي؟", "تركي"),                                    # an Arabic adjective
])
def test_a_country_the_quoted_passages_never_name_is_reported(question, country):
    assert unnamed(question, ARMENIAN_MINISTER) == country


@pytest.mark.parametrize("question, passage", [
    ("What did the Armenian foreign minister say?", ARMENIAN_MINISTER),          # the adjective holds the country
    ("ماذا قالت أرمينيا عن وقف إطلاق النار؟", ARMENIAN_MINISTER),
    ("Where in Moldova was the meeting planned?", "وعقد الاجتماع في العاصمة المولدافية كيشيناو."),  # its capital
    ("What did Azerbaijan say after the call?", "وقالت باكو في بيان إن الاتصال كان مثمرا."),
    ("When did Denmark join the union?", "انضمت الدانمرك إلى الاتحاد عام 1973."),  # another spelling
    ("ماذا قال وزير الخارجية الروسي؟", "وقالت موسكو إن الوزير سيزور يريفان."),
])
def test_a_country_named_by_its_adjective_capital_or_another_spelling_is_held(question, passage):
    assert unnamed(question, ARMENIAN_MINISTER, passage) == ""


def test_words_that_only_look_like_countries_are_not_asked_about():
    # مالية is "financial" (مال), far more often than Malian; بني ("built") stems like بنين (Benin)
    assert unnamed("ما حجم المساعدات المالية؟", ARMENIAN_MINISTER) == ""
    assert unnamed("متى بني الجسر؟", ARMENIAN_MINISTER) == ""
    # a question without a country asks about none
    assert unnamed("ماذا قال الوزير عن وقف إطلاق النار؟", ARMENIAN_MINISTER) == ""


def test_a_country_a_follow_up_borrows_is_not_asked_about():
    first = analyse("ماذا قالت الصين عن النزاع؟")
    follow = analyse("وماذا قال ميرزويان؟").following(first)
    assert unnamed_place(first.terms, [ARMENIAN_MINISTER]) == "صين"
    assert unnamed_place(follow.search_terms, [ARMENIAN_MINISTER]) == ""


@pytest.mark.parametrize("question, place", [
    ("When did the Astana talks on Karabakh begin?", "astana"),   # through GeoNames' Arabic names
    ("Какие переговоры прошли в Тегеране?", "тегеране"),
    ("ماذا اتفق الوزراء في فيينا؟", "فيينا"),                      # an Arabic place of the gazetteer
])
def test_a_well_known_place_the_quoted_passages_never_name_is_reported(question, place):
    assert unnamed(question, ARMENIAN_MINISTER) == place
    assert unnamed(question, ARMENIAN_MINISTER, "وعقدت المحادثات في أستانا وطهران وفيينا.") == ""


def test_a_capital_asked_about_as_its_government_is_held_by_its_country():
    government = "وأعلنت الحكومة الأرمنية أن الزعيمين تطرقا إلى مسألة تبادل أسرى الحرب."
    assert unnamed("What did Yerevan say about the prisoners of war?", ARMENIAN_MINISTER) == ""
    assert unnamed("What did Yerevan say about the prisoners of war?", "قالت الحكومة إن الأسرى عادوا.") == "yerevan"
    assert unnamed("ماذا قالت يريفان عن أسرى الحرب؟", government) == ""
    assert unnamed("ماذا قالت يريفان عن أسرى الحرب؟", "قالت الحكومة إن الأسرى عادوا.") == "يريفان"


def test_a_city_that_is_also_a_name_or_a_word_is_not_a_place_asked_about():
    # Martin (Slovakia) and Name are towns of GeoNames, not places news names bare
    assert unnamed("At the time of Martin Luther what was in demand?", ARMENIAN_MINISTER) == ""
    assert unnamed("Name a common autoimmune disease.", ARMENIAN_MINISTER) == ""


def test_a_short_name_is_not_held_by_a_word_with_the_same_consonants():
    # تركوا ("they left") has Turkey's letters once the long vowels are out; only names of six
    # letters or more are compared so (الدنمارك، الدانمرك)
    assert unnamed("Что заявил президент Турции о прекращении огня?", "وتركوا المنطقة بعد وقف إطلاق النار.") == "تركيا"


def _name(word: str, arabic: str, place: bool = False) -> Term:
    # a Latin name as the index matched it across scripts (names.py / translit.py do that part)
    return Term(word, frozenset(token for _, token in analyze(arabic)), name=not place, place=place)


LAVROV, ERDOGAN, BAYRAMOV = _name("lavrov", "لافروف"), _name("erdogan", "أردوغان"), _name("bayramov", "بيراموف")
CALL = "بحث وزير الخارجية الروسي سيرغي لافروف مع نظيره الأذربيجاني جيهون بيراموف في اتصال هاتفي."
INITIATIVE = "وفي وقت سابق طرح الرئيسان الأذربيجاني إلهام علييف والتركي رجب طيب أردوغان مبادرة."


def test_names_asked_together_must_be_together_in_a_sentence():
    # "When did Lavrov meet Erdogan?": both in the passage, in different sentences
    assert apart([LAVROV, ERDOGAN], [CALL + " " + INITIATIVE], frozenset(), window=1) == "lavrov / erdogan"
    # one sentence holds both: no objection
    assert apart([LAVROV, BAYRAMOV], [INITIATIVE, CALL], frozenset()) == ""
    # a name no quoted passage holds is for the other evidence to weigh, not a pair kept apart
    assert apart([LAVROV, ERDOGAN], [CALL], frozenset()) == ""
    # one name only, or a follow-up's borrowed name, asks nothing together
    assert apart([LAVROV], [CALL + " " + INITIATIVE], frozenset()) == ""
    borrowed = Term("erdogan", ERDOGAN.tokens, name=True, weight=0.5)
    assert apart([LAVROV, borrowed], [CALL + " " + INITIATIVE], frozenset()) == ""
    # the sentence before counts too: news names who speaks, then says it ("... وأضاف")
    assert apart([LAVROV, ERDOGAN], [CALL + " " + INITIATIVE], frozenset(), window=2) == ""
    assert apart([LAVROV, ERDOGAN], [CALL + " وقال إن الاجتماع مهم. " + INITIATIVE], frozenset()) == "lavrov / erdogan"
    # three names, two of them together: one sentence dated by another's event ("What did
    # Pashinyan and Aliyev say two days before Lavrov's separate talks?")
    aliyev = _name("aliyev", "علييف")
    assert apart([LAVROV, ERDOGAN, aliyev], [CALL + " وقال إن الاجتماع مهم. " + INITIATIVE], frozenset()) == ""


def test_names_written_one_after_another_are_one_persons():
    # "Какую должность занимает Али Акбар Салехи?": "Akbar" meets أكبر ("greater") in no sentence
    # beside صالحي, and asks no second person to be named with him
    ali, akbar, salehi = _name("али", "علي"), _name("акбар", "أكبر"), _name("салехи", "صالحي")
    bio = "وقال رئيس منظمة الطاقة الذرية الإيرانية صالحي إن المفاوضات مستمرة. وكانت خطوة أكبر من المتوقع."
    assert apart([ali, akbar, salehi], [bio], frozenset(), window=1,
                 text="Какую должность занимает Али Акбар Салехи?") == ""
    # without the question's order, three names are three people
    assert apart([ali, akbar, salehi], [bio], frozenset(), window=1) != ""
    # "Lavrov and Erdogan" are two, whatever stands between them
    assert apart([LAVROV, ERDOGAN], [CALL + " " + INITIATIVE], frozenset(), window=1,
                 text="When did Lavrov meet Erdogan?") == "lavrov / erdogan"


def test_names_held_together_elsewhere_are_apart_within_the_texts_given():
    # "What did Lavrov and Bayramov discuss in October 2020?": together in the call's passage,
    # and the passages about October hold only the initiative
    assert apart([LAVROV, BAYRAMOV], [CALL, INITIATIVE], frozenset(), within=[INITIATIVE]) == "lavrov / bayramov"
    assert apart([LAVROV, BAYRAMOV], [CALL, INITIATIVE], frozenset(), within=[INITIATIVE, CALL]) == ""
    # names the passages do not hold two of ask nothing together, wherever
    assert apart([LAVROV, ERDOGAN], [CALL], frozenset(), within=[INITIATIVE]) == ""


class _Quoted:
    def __init__(self, text: str, title: str = ""):
        self.text, self.title = text, title


def test_a_place_asked_as_where_someone_was_must_be_a_place_beside_them():
    pashinyan, baku = _name("pashinyan", "باشينيان"), Term("baku", frozenset(t for _, t in analyze("باكو")), place=True)
    signed = "ووقع رئيس الوزراء الأرمني نيكول باشينيان بيانا مشتركا. وخضعت عدة مناطق لسيطرة باكو."
    # Baku as the government, a sentence after Pashinyan's: he is never placed there
    assert elsewhere("When did Pashinyan visit Baku?", [pashinyan, baku], [_Quoted(signed)], frozenset()) == \
        "pashinyan / baku"
    assert elsewhere("Когда Пашинян посетил Баку?", [_name("пашинян", "باشينيان"),
                     Term("баку", baku.tokens, place=True)], [_Quoted(signed)], frozenset()) == "пашинян / баку"
    # after في / إلى, in his sentence or the next, or in the article's title: placed
    for text, title in (("ووصل باشينيان إلى باكو.", ""), ("التقى باشينيان علييف. وجرى اللقاء في العاصمة الأذربيجانية باكو.", ""),
                        ("والتقى باشينيان علييف بباكو.", ""), (signed, "باشينيان في باكو")):
        assert elsewhere("When did Pashinyan visit Baku?", [pashinyan, baku], [_Quoted(text, title)], frozenset()) == "", text
    # the place not asked as where: "Baku's foreign ministry" is the government, and a bare "to"
    # says whom something was said to as often as where someone went
    for question in ("What did Baku's ministry say about Pashinyan?", "What did Pashinyan propose to Baku?"):
        assert elsewhere(question, [pashinyan, baku], [_Quoted(signed)], frozenset()) == "", question
    assert elsewhere("When did Pashinyan travel to Baku?", [pashinyan, baku], [_Quoted(signed)], frozenset()) == \
        "pashinyan / baku"
    # no passage holds the place, or the person: for the other checks
    assert elsewhere("When did Pashinyan visit Baku?", [pashinyan, baku], [_Quoted("ووقع باشينيان بيانا.")],
                     frozenset()) == ""
    # an Arabic question: its people are the words the corpus uses as names
    question = analyse("متى زار باشينيان باكو؟")
    named = frozenset(token for _, token in analyze("باشينيان"))
    assert elsewhere(question.text, question.search_terms, [_Quoted(signed)], named) == "باشينيان / باكو"
    assert elsewhere(question.text, question.search_terms, [_Quoted("ووصل باشينيان إلى باكو.")], named) == ""
    assert elsewhere(question.text, question.search_terms, [_Quoted(signed)], frozenset()) == ""  # no person read


def test_an_ordinary_word_capitalised_is_a_name_only_when_the_corpus_names_it():
    # "Grammy Award": award's cross-script key meets اورد, which a passage holds elsewhere
    award = _name("award", "أورد")
    text = CALL + " وقال إن الاجتماع مهم. وأورد البيان تفاصيل أخرى."
    assert apart([LAVROV, award], [text], frozenset()) == ""
    named = frozenset(token for _, token in analyze("أورد"))
    assert apart([LAVROV, award], [text], named) == "lavrov / award"


def test_a_capital_is_held_by_its_country_in_the_sentence():
    # "What did Baku's foreign ministry say about the call between Bayramov and Lavrov?"
    baku = Term("baku", frozenset(token for _, token in analyze("باكو")), place=True)
    said = "وذكرت وزارة الخارجية الأذربيجانية أن جيهون بيراموف وسيرغي لافروف بحثا تنفيذ الاتفاقات."
    assert apart([baku, BAYRAMOV, LAVROV], ["وقالت باكو إنها ترحب بالمبادرة. " + said], frozenset()) == ""
    # a city that is no capital is held by its own name only
    granada = Term("granada", frozenset(token for _, token in analyze("غرناطة")), place=True)
    pashinyan = _name("pashinyan", "باشينيان")
    text = "وسيعقد اجتماع آخر في غرناطة. وتعد القمة مهمة. وقال رئيس الوزراء الأرمني نيكول باشينيان إن أرمينيا مستعدة."
    assert apart([pashinyan, granada], [text], frozenset()) == "pashinyan / granada"


def test_a_place_named_only_in_another_story_than_the_one_about_the_question_is_reported():
    from bot.qualifiers import place_apart

    taiwan = ("اختار حزب كومينتانغ الحاكم في تايوان هونغ هسيو تشو الموالية للصين كمرشحة له لانتخابات الرئاسة، "
              "وهو ترشيح سيكون محل ترحيب في بكين.", "الحزب الحاكم بتايوان يختار مرشحة موالية لبكين")
    washington = ("وأعلنت واشنطن موقفها من الاتفاق النووي مع إيران.", "أوباما والكونغرس")
    rarity = {"موقف": 1.5, "ترشيح": 4.0, "هونغ": 6.0, "هسيو": 7.0, "تشو": 6.5, "انتخاب": 2.0, "رياس": 2.0}
    idf = lambda token: rarity.get(token, 3.0)

    def apart(question: str, *passages) -> str:
        return place_apart(analyse(question).terms, list(passages), idf)

    # Washington is quoted, but in a story about the nuclear deal, not about the candidate
    assert apart("ما موقف واشنطن من ترشيح هونغ هسيو تشو؟", taiwan, washington).startswith("واشنطن / ")
    # Beijing is named in the candidate's own passage; Taiwan in its title
    assert apart("ما موقف بكين من ترشيح هونغ هسيو تشو؟", taiwan, washington) == ""
    assert apart("متى ستجرى الانتخابات الرئاسية في تايوان؟", taiwan, washington) == ""
    # no place asked, nothing to report
    assert apart("ما موقف الحزب من ترشيح هونغ هسيو تشو؟", taiwan, washington) == ""
