"""Dates in passages and the timeline: table-driven extraction in three languages, relative
dates, the merge of one event told by several articles, and bad ranges."""

import json

import pytest

from bot.cli import main
from retrieval.dates import passage_dates
from retrieval.timeline import BadDate, check_range, timeline


@pytest.mark.parametrize("text, article_date, expected", [
    # every explicit form of the seed articles
    ("في مينسك يوم الخميس، 14 أكتوبر/تشرين الأول 2021، بوساطة", "2021-10-15", [("2021-10-14", "14 أكتوبر/تشرين الأول 2021")]),
    ("تصاعد في 27 سبتمبر/أيلول 2020، حينما", "2021-10-14", [("2020-09-27", "27 سبتمبر/أيلول 2020")]),
    ("شهدت بتاريخ 27 سبتمبر/ أيلول 2020 تصعيداً", "2020-10-21", [("2020-09-27", "27 سبتمبر/ أيلول 2020")]),
    ("وبتاريخ 9 نوفمبر/تشرين الثاني 2020، وقّع", "2021-01-11", [("2020-11-09", "9 نوفمبر/تشرين الثاني 2020")]),
    ("في 9 نوفمبر 2020 بشأن الوقف", "2021-10-14", [("2020-11-09", "9 نوفمبر 2020")]),
    ("منذ فبراير/شباط 1988، عقب", "2020-10-21", [("1988-02", "فبراير/شباط 1988")]),
    ("في بروكسل في 14 أيار/مايو الجاري بين", "2023-05-19", [("2023-05-14", "14 أيار/مايو")]),
    ("ومنذ وقف إطلاق النار عام 2020، نشرت", "2023-05-19", [("2020", "2020")]),
    ("يوم الثلاثاء 2 نوفمبر/ تشرين الثاني", "2021-11-02", [("2021-11-02", "2 نوفمبر/ تشرين الثاني")]),
    # a year the passage gave before, for "the same year"
    ("عام 2020. وفي 9 نوفمبر/ تشرين الثاني من العام نفسه، وقّع", "2021-11-01",
     [("2020", "2020"), ("2020-11-09", "9 نوفمبر/ تشرين الثاني")]),
    # a date without its year, later in the calendar than the article: last year's
    ("في 25 ديسمبر جرى", "2021-01-05", [("2020-12-25", "25 ديسمبر")]),
    # a day said as an ordinal; a month said to be ahead is the next one after the article's day
    ("في الأول من حزيران/يونيو المقبل في العاصمة المولدافية", "2023-05-19", [("2023-06-01", "الأول من حزيران/يونيو")]),
    ("في شهر تشرين الأول/أكتوبر المقبل في غرناطة", "2023-05-19", [("2023-10", "تشرين الأول/أكتوبر")]),
    ("القمة في يناير المقبل", "2023-05-19", [("2024-01", "يناير")]),
    ("في الأسبوع الأول من يونيو", "2023-05-19", []),  # a week, not the first day
    # Arabic-Indic digits, English and Russian
    ("يوم ١٤ أكتوبر ٢٠٢١ عقد", "2021-10-20", [("2021-10-14", "١٤ أكتوبر ٢٠٢١")]),
    ("On October 14, 2021 the ministers met", "2021-10-20", [("2021-10-14", "October 14, 2021")]),
    ("The talks of 14 October 2021 in Minsk", "2021-10-20", [("2021-10-14", "14 October 2021")]),
    ("Встреча 14 октября 2021 года в Минске", "2021-10-20", [("2021-10-14", "14 октября 2021")]),
    ("в мае 2023 года", "2023-06-01", [("2023-05", "мае 2023")]),
    # French, the fourth language readers write in (its month names, accents or not)
    ("Les ministres se sont réunis le 14 octobre 2021 à Minsk", "2021-10-20", [("2021-10-14", "14 octobre 2021")]),
    ("le 3 août 2020 et en février 2021", "2021-03-01", [("2020-08-03", "3 août 2020"), ("2021-02", "février 2021")]),
    ("The Mars rover", "2021-03-01", []),  # a month's name only with a day or a year
    # relative to the article's date
    ("وأعرب باشينيان وعلييف، أول أمس الإثنين، عن", "2020-10-21", [("2020-10-19", "أول أمس")]),
    ("وقال لافروف أمس إن", "2020-10-21", [("2020-10-20", "أمس")]),
    ("سيعقد الاجتماع يوم 10 من الشهر ذاته", "2021-05-03", [("2021-05-10", "يوم 10 من الشهر ذاته")]),
    ("أعلنت الخارجية، اليوم الأربعاء، أن", "2020-10-21", [("2020-10-21", "الأربعاء")]),
    ("سيلتقيان يوم الجمعة المقبل", "2021-03-03", [("2021-03-05", "يوم الجمعة المقبل")]),
    ("Lavrov said yesterday that", "2021-10-20", [("2021-10-19", "yesterday")]),
    ("вчера Лавров заявил", "2021-10-20", [("2021-10-19", "вчера")]),
    ("مقارنة بالعام الماضي", "2021-10-20", [("2020", "العام الماضي")]),
    # not dates: an impossible day, a number, a relative date with no article date
    ("في 31 فبراير 2020 جرى", "2021-01-01", []),
    ("أرسلت روسيا 1960 جندياً", "2021-01-01", []),
    ("وقال أمس إن", "", []),
])
def test_passage_dates(text, article_date, expected):
    assert [(d.iso, text[d.start:d.end]) for d in passage_dates(text, article_date)] == expected


@pytest.mark.parametrize("date_from, date_to, code", [
    ("2021-02-31", "", "impossible_date"), ("2021-13", "", "impossible_date"), ("yesterday", "", "bad_date"),
    ("2022", "2021", "backwards"), ("2021-06", "2021-05-31", "backwards"),
])
def test_bad_ranges(date_from, date_to, code):
    with pytest.raises(BadDate) as caught:
        check_range(date_from, date_to)
    assert caught.value.code == code


def test_seed_timeline_holds_the_key_events_in_order(seed_index):
    events = timeline(seed_index)
    dates = [e.date for e in events]
    assert dates == sorted(dates)
    key = {"2020-09-27", "2020-10-10", "2020-10-18", "2020-10-19", "2020-11-09", "2021-01-11", "2021-10-12",
           "2021-10-14", "2021-11-02", "2023-05-14", "2023-05-19"}
    assert key <= set(dates)
    statement = [e for e in events if e.date == "2020-11-09"]
    assert len(statement) == 1 and len({s["article_id"] for s in statement[0].sources}) >= 2
    assert "9 نوفمبر" in statement[0].text
    for e in events:  # each text is a sentence of the first passage it cites
        passage = seed_index.catalog.passages([e.sources[0]["passage_id"]])[e.sources[0]["passage_id"]]
        assert e.text.strip("…").split("…")[0][:60] in " ".join(passage.text.split())


def test_timeline_topic_and_range(seed_index):
    minsk = timeline(seed_index, "اجتماع مينسك")
    assert "2021-10-14" in [e.date for e in minsk]
    in_2023 = timeline(seed_index, date_from="2023", date_to="2023")
    assert in_2023 and all(e.date.startswith("2023") for e in in_2023)
    assert timeline(seed_index, date_from="2030") == []
    assert timeline(seed_index, "كرة القدم والدوري الإسباني") == []


def test_talks_timeline_json_and_bad_input(seed_index, capsys):
    code = main(["timeline", "--json", "--from", "2020-11", "--to", "2020-11", "--data-dir", str(seed_index.data_dir)])
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert code == 0 and lines and all(x["date"].startswith("2020-11") for x in lines)
    assert set(lines[0]) == {"date", "text", "sources"} and set(lines[0]["sources"][0]) == {"article_id", "passage_id"}
    code = main(["timeline", "--from", "2021-02-31", "--data-dir", str(seed_index.data_dir)])
    assert code == 2 and "not a day of the calendar" in capsys.readouterr().err
    code = main(["timeline", "--from", "2022", "--to", "2021", "--data-dir", str(seed_index.data_dir)])
    assert code == 2 and "backwards" in capsys.readouterr().err
    code = main(["timeline", "--from", "2030", "--data-dir", str(seed_index.data_dir)])
    assert code == 0 and "no dated events in that range" in capsys.readouterr().err


TODAY = __import__("datetime").date(2026, 11, 25)


@pytest.mark.parametrize("question, date_from, date_to, order, month", [
    ("Что произошло в мае 2023 года?", "2023-05", "2023-05", "", 0),
    ("ما الذي حصل في 11 يناير 2021؟", "2021-01-11", "2021-01-11", "", 0),
    ("Что произошло 27 сентября 2020 года в Карабахе?", "2020-09-27", "2020-09-27", "", 0),
    ("What did the Kremlin say after the talks in February 2021?", "2021-02", "2021-02", "", 0),
    ("ماذا حدث بين 2020 و2021؟", "2020", "2021", "", 0),
    ("What happened between 2022 and 2020?", "2020", "2022", "", 0),  # given backwards: the same years
    ("ما الذي جرى منذ 2021؟", "2021", "", "", 0),
    ("Что было с 2021 года?", "2021", "", "", 0),
    ("What happened before 2021?", "", "2020", "", 0),
    ("What happened last year?", "2025", "2025", "", 0),
    ("ماذا حدث العام الماضي؟", "2025", "2025", "", 0),
    ("Что случилось в прошлом году?", "2025", "2025", "", 0),
    ("ماذا حدث هذا الشهر؟", "2026-11", "2026-11", "", 0),
    ("What happened in May?", "", "", "", 5),
    ("What is the most recent meeting mentioned in the news?", "", "", "latest", 0),
    ("ما أحدث تصريح لزاخاروفا؟", "", "", "latest", 0),
    ("Какая встреча была последней?", "", "", "latest", 0),
    ("ما أول اجتماع ثلاثي؟", "", "", "first", 0),
    ("What was the earliest ceasefire?", "", "", "first", 0),
    ("من هو رئيس وزراء أذربيجان؟", "", "", "", 0),
])
def test_time_asked_in_questions(question, date_from, date_to, order, month):
    from retrieval.dates import time_asked

    t = time_asked(question, TODAY)
    assert (t.date_from, t.date_to, t.order, t.month) == (date_from, date_to, order, month)


def test_an_impossible_date_in_a_question():
    from retrieval.dates import ImpossibleDate, time_asked

    with pytest.raises(ImpossibleDate):
        time_asked("ماذا حدث في 31 فبراير 2021؟", TODAY)


def _answerer(seed_index):
    import datetime as dt

    from bot.answer import Answerer, AnswerSettings

    a = Answerer(seed_index, None, AnswerSettings())
    a.today = lambda: dt.date(2026, 11, 25)
    return a


def test_dated_questions_are_answered_from_the_dates_passages_speak_of(seed_index):
    import asyncio

    a = _answerer(seed_index)
    may = asyncio.run(a.answer("Что произошло в мае 2023 года?"))
    assert may.mode == "extractive" and may.language == "ru" and may.decision.answerable
    assert [line[:10] for line in may.text.splitlines()[1:]] == ["2023-05-04", "2023-05-14", "2023-05-19"]
    assert {s.article_id for s in may.sources} == {"001_bcf5a54e3053a809"}
    latest = asyncio.run(a.answer("What is the most recent meeting mentioned in the news?"))
    assert latest.mode == "extractive" and latest.sources[0].date == "2023-05-19"
    none = asyncio.run(a.answer("What happened last year?"))
    assert none.mode == "not_found" and "2025" in none.text and not none.sources
    asked_may = asyncio.run(a.answer("What happened in May?"))
    assert "2023-05-14" in asked_may.text


@pytest.mark.parametrize("question, came", [
    ("What was agreed at the Chisinau meeting on 1 June?", True),
    ("Who signed the statement on 9 November?", True),
    ("Что обсуждали 14 октября?", True),
    ("Что произошло 27 сентября 2020 года?", True),
    ("ماذا تم الاتفاق عليه في اجتماع 1 يونيو؟", True),
    ("ما الذي حصل في 11 يناير 2021؟", True),
    # asked by the word for what came of it, whatever the tense
    ("ما نتيجة اجتماع غرناطة؟", True),
    ("What was the outcome of the Granada meeting?", True),
    ("Каковы итоги встречи в Кишинёве?", True),
    # what was planned, or what is ahead
    ("Which leaders were to join the meeting on 1 June?", False),
    ("What will be discussed on 1 June?", False),
    ("Где пройдет встреча в октябре 2023 года?", False),
    ("ماذا سيناقش القادة في 1 يونيو؟", False),
    ("من هم القادة الذين سيشاركون في اجتماع 1 يونيو؟", False),
    ("متى سيعقد الاجتماع في غرناطة؟", False),
    ("ما النتائج المتوقعة من اجتماع غرناطة المقبل؟", False),
])
def test_a_question_asking_what_came_of_something(question, came):
    from bot.when import asks_what_came

    assert asks_what_came(question) is came


def test_offline_an_announcement_is_not_quoted_as_what_happened(seed_index, fake_openai):
    import asyncio

    from bot.answer import Answerer, AnswerSettings
    from bot.llm import OpenAIChat

    # The only article about 1 June was written on 19 May: it announces the meeting.
    refused = asyncio.run(_answerer(seed_index).answer("What was agreed at the Chisinau meeting on 1 June?"))
    assert refused.mode == "not_found" and not refused.decision.answerable
    assert "2023-06-01" in refused.decision.reasons[-1] and "2023-05-19" in refused.decision.reasons[-1]
    # Asked about as what is ahead, the same article answers.
    ahead = asyncio.run(_answerer(seed_index).answer("في أي مدينة ستعقد قمة المجتمع السياسي الأوروبي في الأول من يونيو؟"))
    assert ahead.mode == "extractive" and "كيشيناو" in ahead.text
    planned = asyncio.run(_answerer(seed_index).answer("Which leaders of Germany and France were to join the meeting on 1 June?"))
    assert not any("only announce" in reason for reason in planned.decision.reasons)
    # An LLM reads the article's date beside the passage and decides itself: the question reaches it.
    fake_openai.default = lambda body: {"content": "NOT_IN_CORPUS"}
    llm = OpenAIChat("fake-model", fake_openai.base_url, "test-key", timeout=10.0, max_retries=0)
    with_llm = asyncio.run(Answerer(seed_index, llm, AnswerSettings()).answer("ماذا تم الاتفاق عليه في اجتماع كيشيناو في الأول من يونيو؟"))
    assert with_llm.mode == "not_found"
    assert any("<passage" in r["body"]["messages"][-1]["content"] for r in fake_openai.chat_requests())


@pytest.mark.parametrize("question", [
    "What was agreed at the Chisinau meeting?",
    "Что было решено на встрече в Кишиневе?",
    "ما نتيجة اجتماع غرناطة؟",
    "ماذا تم الاتفاق عليه في قمة كيشيناو؟",
])
def test_offline_what_came_of_an_announced_event_is_refused_without_a_date_asked(seed_index, question):
    """The seed names Chisinau and Granada only for meetings ahead of its articles (1 June and
    October 2023, written on 19 May): the question names no date for announcement() to compare,
    its rarest word does."""
    import asyncio

    answer = asyncio.run(_answerer(seed_index).answer(question))
    assert answer.mode == "not_found" and not answer.decision.answerable
    assert "only announce" in answer.decision.reasons[-1] and "2023-05-19" in answer.decision.reasons[-1]
    assert answer.sources  # the closest passages are still offered, under the refusal's label


@pytest.mark.parametrize("question", [
    "في أي مدينة ستعقد قمة المجتمع السياسي الأوروبي؟",  # what is ahead
    "What did Zakharova say about the meeting in Moscow?",  # Moscow's sentence is of the article's day
    "Where did Lavrov meet the Armenian and Azerbaijani ministers in October 2021?",
])
def test_offline_questions_about_the_announcing_articles_are_not_refused_as_announced(seed_index, question):
    import asyncio

    answer = asyncio.run(_answerer(seed_index).answer(question))
    assert not any("only announce" in reason for reason in answer.decision.reasons)
    assert answer.mode == "extractive"


def test_an_event_reported_after_it_happened_is_no_longer_only_announced(tmp_path, fake_embedder):
    from bot.when import announced_event
    from retrieval.article import Article
    from retrieval.index import Index
    from retrieval.ingest import ingest
    from retrieval.search import hybrid

    index = Index(tmp_path, fake_embedder)
    ingest(index, [Article(id="before", title="", date="2023-05-19",
                           text="وسيعقد القادة اجتماعا في الأول من حزيران/يونيو المقبل في العاصمة المولدافية كيشيناو.")])
    question = "What was agreed at the Chisinau meeting?"
    hits = hybrid(index, question, 3)
    assert "2023-06-01" in announced_event(index, index.analyse(question), hits, question)
    assert announced_event(index, index.analyse("Where will the leaders meet?"), hits, "Where will the leaders meet?") == ""
    ingest(index, [Article(id="after", title="", date="2023-06-02",
                           text="اتفق القادة في اجتماعهم في كيشيناو أمس على مواصلة المحادثات.")])
    hits = [h for h in hybrid(index, question, 3) if h.article_id == "before"]  # even quoting the announcement
    assert announced_event(index, index.analyse(question), hits, question) == ""


def test_an_impossible_date_gets_a_clear_message_in_the_askers_language(seed_index):
    from bot.errors import BadQuestion
    from bot.messages import t

    with pytest.raises(BadQuestion) as caught:
        _answerer(seed_index).check("ماذا حدث في 31 فبراير 2021؟")
    assert caught.value.code == "impossible_date" and caught.value.language == "ar"
    assert "التقويم" in t(caught.value.code, caught.value.language)


def test_the_timeline_picture_is_a_png_one_row_per_event(seed_index):
    import io
    import struct

    from bot.timeline_picture import render

    events = timeline(seed_index)
    small, big = render(events[:3], "الخط الزمني"), render(events[:9], "الخط الزمني")
    for png in (small, big):
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
    height = lambda png: struct.unpack(">II", io.BytesIO(png).getvalue()[16:24])[1]  # noqa: E731
    assert height(big) > height(small)  # rows grow with the events


def test_reindex_fills_the_dates_of_an_index_built_before_them(tmp_path, monkeypatch, capsys):
    import shutil

    from retrieval.index import DATES_VERSION, Index
    from retrieval.ingest import ingest
    from retrieval.loaders import load_corpus
    from tests.conftest import SEED_CORPUS
    from tests.fakes import HashEmbedder

    corpus = tmp_path / "corpus"
    shutil.copytree(SEED_CORPUS, corpus)
    index = Index(tmp_path / "data", HashEmbedder())
    ingest(index, load_corpus(corpus).articles)
    # as an index of the previous version: no dates anywhere
    index.catalog._db.execute("DELETE FROM passage_dates")
    index.catalog.set_meta("dates_version", "")
    records = [r for _, r, *_ in index.catalog.lexical_rows()]
    index.store.update_metadata(records, [{"dates": ""} for _ in records])
    monkeypatch.setenv("CORPUS_DIR", str(corpus))
    monkeypatch.setenv("EMBEDDING_BACKEND", "local")
    monkeypatch.setattr("bot.runtime.make_embedder", lambda settings, data_dir=None: HashEmbedder())
    assert main(["reindex", "--data-dir", str(tmp_path / "data")]) == 0
    reopened = Index(tmp_path / "data", HashEmbedder())
    assert reopened.catalog.get_meta("dates_version") == DATES_VERSION
    assert any(d == "2020-11-09" for _, d, _, _ in reopened.catalog.dated_passages())
    metas = reopened.store.metadata(records)
    assert any("2020-11-09" in m.get("dates", "") for m in metas.values())
