"""Claim support: dates, numbers and names of an answer sentence against the passages it cites."""

import pytest

from bot.citations import resolve
from bot.support import ClaimCheck, facts
from retrieval.names import cued_names
from retrieval.search import Hit

MINSK = ("عُقِد الاجتماع الثلاثي لوزراء خارجية روسيا وأذربيجان وأرمينيا، سيرغي لافروف وجيهون بيراموف وأرارات "
         "ميرزويان، في مينسك يوم الخميس، 14 أكتوبر/تشرين الأول 2021، بوساطة من الجانب الروسي.")
FORMAT = ("وشدّدا على أهمية تطوير منصة التعاون بصيغة (3 + 3) بمشاركة أذربيجان وأرمينيا وجورجيا وروسيا وتركيا "
          "وإيران، وأرسلت موسكو ألف جندي.")
SIGNING = ("وفي 9 نوفمبر/ تشرين الثاني من العام نفسه، وقّع الرئيس الأذربيجاني إلهام علييف ورئيس الوزراء الأرمني "
           "نيكول باشينيان بياناً مشتركاً.")
NO_YEAR = "وقال لافروف يوم 10 من الشهر ذاته إن المحادثات ستستمر في 25 مايو."


def hit(text: str, date: str = "2021-10-14", title: str = "") -> Hit:
    return Hit(passage_id="p", article_id="a", score=1.0, text=text, title=title, date=date, source="", url="",
               start=0, end=len(text))


@pytest.fixture(scope="module")
def check(seed_index):
    def run(sentence: str, passage: str, date: str = "2021-10-14") -> str | None:
        return ClaimCheck(seed_index, {"ref-aaaa": hit(passage, date)}).reason(sentence, ["ref-aaaa"])
    return run


@pytest.mark.parametrize("sentence", [
    "عقد الاجتماع في مينسك في 14 أكتوبر 2021.",
    "عقد الاجتماع في مينسك في ١٤ تشرين الأول ٢٠٢١.",
    "The meeting was held in Minsk on 14 October 2021.",
    "The meeting was held in Minsk on October 14, 2021.",
    "Встреча прошла в Минске 14 октября 2021 года.",
    "The meeting was held in October 2021.",
    "عقد الاجتماع في 2021.",
])
def test_dates_compare_as_values_across_languages(check, sentence):
    assert check(sentence, MINSK) is None


@pytest.mark.parametrize("sentence, reason", [
    ("عقد الاجتماع في مينسك في 17 أكتوبر 2021.", "date not in the cited passage: 2021-10-17"),
    ("The meeting was held on 14 November 2021.", "date not in the cited passage: 2021-11-14"),
    ("Встреча прошла 14 октября 2020 года.", "date not in the cited passage: 2020-10-14"),
    ("The meeting was held in 2019.", "number not in the cited passage: 2019"),
])
def test_a_changed_date_is_unsupported(check, sentence, reason):
    assert check(sentence, MINSK) == reason


def test_a_date_without_year_takes_the_articles_year(check):
    assert check("Lavrov said the talks would go on on 25 May 2021.", NO_YEAR, date="2021-05-20") is None
    assert check("Lavrov said the talks would go on on 25 May 2022.", NO_YEAR, date="2021-05-20") is not None
    assert check("Lavrov said the talks would go on on 26 May.", NO_YEAR) == "date not in the cited passage: --05-26"


@pytest.mark.parametrize("sentence, reason", [
    ("أكد الوزيران أهمية صيغة (3 + 3).", None),
    ("The ministers stressed the (3 + 3) format.", None),
    ("أكد الوزيران أهمية صيغة (6 + 3).", "number not in the cited passage: 6"),
    ("Moscow sent 1,000 soldiers.", None),             # ألف in the passage
    ("أرسلت موسكو ١٠٠٠ جندي.", None),                   # Arabic-Indic digits
    ("Moscow sent 1,500 soldiers.", "number not in the cited passage: 1500"),
])
def test_numbers_compare_as_values(check, sentence, reason):
    assert check(sentence, FORMAT) == reason


@pytest.mark.parametrize("sentence, reason", [
    ("وقع الرئيس الأذربيجاني إلهام علييف البيان.", None),
    ("وقع الرئيس الروسي فلاديمير بوتين البيان.", "name not in the cited passage: فلاديمير"),
    ("وقع بوتين البيان.", "name not in the cited passage: بوتين"),               # a corpus name, no title
    ("وقع الرئيس الفرنسي ماكرونوف البيان.", "name not in the cited passage: ماكرونوف"),  # a title announces it
    ("Azerbaijani President Ilham Aliyev signed the statement.", None),
    ("Putin signed the statement.", "name not in the cited passage: Putin"),      # first word, a corpus name
    ("The statement was signed by Putin.", "name not in the cited passage: Putin"),
    ("The statement was signed by Emmanuel Macron.", "name not in the cited passage: Emmanuel"),
    ("Заявление подписал Ильхам Алиев.", None),
    ("Заявление подписал Путин.", "name not in the cited passage: Путин"),
    ("Earlier, Prime Minister Pashinyan signed it.", None),  # role words and an ordinary first word
])
def test_names_across_scripts(check, sentence, reason):
    assert check(sentence, SIGNING) == reason


@pytest.mark.parametrize("sentence, reason", [
    ("بمشاركة أذربيجان وأرمينيا وجورجيا وروسيا وتركيا وإيران.", None),
    ("بمشاركة أذربيجان وأرمينيا وكازاخستان.", "name not in the cited passage: كازاخستان"),  # a country, no cue
    ("وعقد الاجتماع في طشقند.", "name not in the cited passage: طشقند"),                 # a capital, no cue
    ("ودعت الأمم المتحدة إلى الهدوء.", "name not in the cited passage: امم متحدة"),        # a body of two words
    ("وأرسلت موسكو ألف جندي عبر البحر.", None),  # البحر is the sea, not Bahrain
    ("وأرسلت موسكو ألف جندي إلى البحرين.", "name not in the cited passage: بحرين"),
])
def test_places_named_without_a_cue_come_from_the_gazetteer(check, sentence, reason):
    assert check(sentence, FORMAT) == reason


def test_resolve_removes_unsupported_sentences_and_says_why(seed_index):
    hits = {"ref-aaaa": hit(MINSK), "ref-bbbb": hit(SIGNING, "2020-11-10")}
    reply = ("The ministers met in Minsk on 14 October 2021 [ref-aaaa]. "
             "Aliyev and Putin signed a statement on 9 November 2020 [ref-bbbb]. "
             "Aliyev signed it on 9 November 2020 [ref-bbbb].")
    out = resolve(reply, set(hits), ClaimCheck(seed_index, hits).reason)
    assert out.text == "The ministers met in Minsk on 14 October 2021 [1]. Aliyev signed it on 9 November 2020 [2]."
    assert out.unsupported == [{"sentence": "Aliyev and Putin signed a statement on 9 November 2020.",
                                "reason": "name not in the cited passage: Putin"}]
    # a sentence is backed when any of the passages it cites holds each fact
    both = resolve("Lavrov and Aliyev were involved [ref-aaaa][ref-bbbb].", set(hits), ClaimCheck(seed_index, hits).reason)
    assert both.unsupported == [] and both.text.endswith("[1][2].")


def test_facts_read_month_pairs_and_impossible_days():
    assert facts("في 14 تشرين الأول/أكتوبر 2021").dates == {(2021, 10, 14)}
    assert facts("on 9 November/ تشرين الثاني").dates == {(None, 11, 9)}
    assert facts("on 41 October 2021").dates == {(2021, 10, None)}  # not a day: the month and year stand


def test_names_are_found_by_the_title_that_announces_them():
    text = ("قال وزير الخارجية الروسي سيرغي لافروف إن نظيره الأذربيجاني جيهون بيراموف وصل إلى العاصمة "
            "الأرمينية يريفان، وعقد اجتماع آخر.")
    assert cued_names(text) == ["سيرغي", "لافروف", "جيهون", "بيراموف", "يريفان"]
    assert cued_names("وعقد الرئيس اجتماعا مع الصحفيين") == []  # a verb, not a name


CHISINAU = ("يعتزم رئيس المجلس الأوروبي عقد اجتماع آخر في 1 حزيران/يونيو المقبل في العاصمة المولدافية "
            "كيشيناو.")


@pytest.mark.parametrize("sentence, reason", [
    # spelled by another convention than the consonant key's: the city's Arabic names bridge it
    ("Another meeting is planned in Chisinau on 1 June.", None),
    ("Ещё одна встреча запланирована в Кишинёве 1 июня.", None),
    ("Another meeting is planned in Vienna on 1 June.", "name not in the cited passage: Vienna"),
])
def test_a_city_in_an_english_or_russian_sentence_is_held_by_its_arabic_name(check, sentence, reason):
    assert check(sentence, CHISINAU) == reason


def test_a_name_after_a_comma_is_read_only_when_appositions_are_asked_for():
    rudenko = "هذا وصرح نائب وزير الخارجية الروسي، أندريه رودينكو، اليوم الأربعاء"
    zakharova = "أعلنت المتحدثة باسم وزارة الخارجية الروسية، ماريا زاخاروفا، إنّ الوزراء سيجتمعون"
    assert cued_names(rudenko) == [] and cued_names(zakharova) == []  # the name table's reading
    assert cued_names(rudenko, apposition=True) == ["أندريه", "رودينكو"]
    assert cued_names(zakharova, apposition=True) == ["ماريا", "زاخاروفا"]
    # a comma that ends the title's clause announces no name
    assert cued_names("وقال وزير الخارجية الروسي، في بيان له، إن الاجتماع مهم", apposition=True) == []
    # a verb of saying, the name, then its title: read with the appositions only
    boeing = "وقال كريس فيليرز المتحدث باسم بوينغ لوكالة الصحافة الفرنسية"
    assert cued_names(boeing) == [] and cued_names(boeing, apposition=True)[:2] == ["كريس", "فيليرز"]
    # a place or a body after the name is no person's title
    assert cued_names("وقال كريس فيليرز شركة الطيران", apposition=True) == []


def test_a_name_of_two_consonants_is_held_where_the_passage_announces_it(check):
    # Kerry's key (kr) is read only among the names a passage announces after a title
    # (translit.SHORT_KEY), in the reply's passage as in the index
    kerry = "وقال وزير الخارجية الأميركي جون كيري إن إيران لا تزال عدوا."
    assert check("Kerry said Iran was still an enemy.", kerry) is None
    assert check("Керри заявил, что Иран остаётся врагом.", kerry) is None
    assert check("Kerry said Iran was still an enemy.", "وقال الوزير إن إيران لا تزال عدوا.") == \
        "name not in the cited passage: Kerry"
