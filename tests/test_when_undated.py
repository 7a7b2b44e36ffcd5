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
    "متى عقد الاجتماع الثلاثي في مينسك؟",            # 14 أكتوبر/تشرين الأول 2021
    "متى أدلى وزير الخارجية الجورجي زلكالياني بتصريحه؟",  # the rarest word's sentence: 8 أكتوبر
    "When was the earlier humanitarian truce agreed in Moscow?",  # "يوم 10 من الشهر ذاته"
    "What did Lavrov say when he met Bayramov in Minsk?",  # asks what, not when
    "كم ساعة استمرت المفاوضات في موسكو؟",
])
def test_an_event_dated_where_it_is_named_or_a_question_not_asking_when(seed_index, question):
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
