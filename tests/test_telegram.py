"""The bot end to end: the real Application polling a fake Bot API, answering via a fake LLM."""

import json
import re

import pytest

from bot.answer import Answerer, AnswerSettings
from bot.llm import OpenAIChat
from bot.messages import t
from bot.telegram.app import build_application
from retrieval.article import Article
from retrieval.index import Index
from retrieval.ingest import ingest
from tests.fake_telegram import BOT_ID, BOT_USERNAME
from tests.telegram_harness import RunningBot, bot_settings

MINSK_Q = "متى عقد الاجتماع الثلاثي في مينسك؟"
KEY = re.compile(r'key="(ref-[0-9a-z]{4})"')


def keys_in(body):
    return KEY.findall(body["messages"][-1]["content"])


def cite_first_two(body):
    k = keys_in(body)
    return {"content": f"عقد الاجتماع في مينسك يوم 14 أكتوبر 2021 [{k[0]}]. وشارك فيه لافروف [{k[1]}]."}


def make_app(tg, tmp_path, index, llm_server=None, **over):
    settings = bot_settings(tg, tmp_path, **over)
    llm = OpenAIChat("fake", llm_server.base_url, "k", timeout=10, max_retries=1) if llm_server else None
    answerer = Answerer(index, llm, AnswerSettings(max_question_chars=settings.max_question_chars))
    return build_application(settings, answerer)


def texts(tg, chat_id=None):
    return [p["text"] for p in tg.sent("sendMessage", chat_id)] + [p["text"] for p in tg.sent("editMessageText", chat_id)]


def final_answer(tg, chat_id=111):
    """The last message or edit that carries the source list."""
    calls = [c["params"] for c in tg.calls if c["method"] in ("sendMessage", "editMessageText")
             and int(c["params"].get("chat_id", 0)) == chat_id and "reply_markup" in c["params"]]
    return calls[-1] if calls else None


def test_private_question_answered_with_citations_and_sources(tg, tmp_path, seed_index, fake_openai):
    fake_openai.default = cite_first_two
    with RunningBot(make_app(tg, tmp_path, seed_index, fake_openai)):
        tg.message(MINSK_Q)
        tg.wait_for(lambda: final_answer(tg))
    final = final_answer(tg)
    assert final["parse_mode"] == "HTML"
    assert "عقد الاجتماع في مينسك يوم 14 أكتوبر 2021 [1]" in final["text"]
    assert "<b>المصادر</b>" in final["text"]
    assert "[1] <b>الاجتماع الثلاثي لوزراء خارجية روسيا وأذربيجان وأرمينيا في مينسك</b> — TASS · 2021-10-14" in final["text"]
    assert final["text"].startswith("\u200f")  # right-to-left
    buttons = [b for row in final["reply_markup"]["inline_keyboard"] for b in row]
    assert [b["callback_data"].split(":")[2] for b in buttons] == ["1", "2"]
    assert tg.sent("sendChatAction")[0]["action"] == "typing"
    commands = tg.sent("setMyCommands")
    assert {c.get("language_code") for c in commands} == {None, "en", "ru"}
    assert {c["command"] for c in commands[0]["commands"]} >= {"start", "help", "ask", "sources", "new", "about"}


def test_group_messages_need_a_mention_a_reply_or_ask(tg, tmp_path, seed_index):
    group = -100
    bot_msg = {"message_id": 5, "date": 0, "chat": {"id": group, "type": "group", "title": "g"},
               "from": {"id": BOT_ID, "is_bot": True, "first_name": "Talks", "username": BOT_USERNAME}, "text": "..."}
    with RunningBot(make_app(tg, tmp_path, seed_index)) as bot:
        bot.wait_processed(tg.message(MINSK_Q, chat_id=group, user_id=1, chat_type="group"))
        assert tg.sent("sendMessage", group) == []  # chatter is ignored
        mention = f"@{BOT_USERNAME} {MINSK_Q}"
        tg.message(mention, chat_id=group, user_id=1, chat_type="group",
                   entities=[{"type": "mention", "offset": 0, "length": len(BOT_USERNAME) + 1}])
        tg.wait_for(lambda: len(tg.sent("sendMessage", group)) == 1)
        tg.message("ومن شارك فيه؟", chat_id=group, user_id=2, chat_type="group", reply_to=bot_msg)
        tg.wait_for(lambda: len(tg.sent("sendMessage", group)) == 2)
        tg.message(f"/ask@{BOT_USERNAME} من أصدر بيان محادثات بوتين وباشينيان؟", chat_id=group, user_id=3,
                   chat_type="group")
        tg.wait_for(lambda: len(tg.sent("sendMessage", group)) == 3)
    answers = [p["text"] for p in tg.sent("sendMessage", group)]
    assert all("[1]" in a for a in answers)
    assert "الكرملين" in answers[2] or "بوتين" in answers[2]


@pytest.mark.parametrize("lang, expected", [("ar", "مرحباً"), ("en", "Hello"), ("ru", "Здравствуйте"), (None, "مرحباً")])
def test_start_in_the_users_language(tg, tmp_path, seed_index, lang, expected):
    with RunningBot(make_app(tg, tmp_path, seed_index)):
        tg.message("/start", lang=lang)
        tg.wait_for(lambda: tg.sent("sendMessage"))
    assert tg.sent("sendMessage")[0]["text"].startswith(expected)


def test_long_answer_is_split_without_breaking_tags_or_citations(tg, tmp_path, seed_index, fake_openai):
    def long_reply(body):
        k = keys_in(body)
        # no digits: a number the cited passage lacks would (rightly) remove the sentence
        return {"content": " ".join(f"هذه جملة طويلة {'أخرى ' * (i % 7)}عن اجتماع مينسك الثلاثي ومخرجاته [{k[i % 3]}]."
                                    for i in range(150))}

    fake_openai.default = long_reply
    with RunningBot(make_app(tg, tmp_path, seed_index, fake_openai)):
        tg.message(MINSK_Q)
        tg.wait_for(lambda: final_answer(tg))
    calls = [c for c in tg.calls if c["method"] in ("sendMessage", "editMessageText")]
    last_edit = max((i for i, c in enumerate(calls) if c["method"] == "editMessageText"), default=None)
    final = calls[last_edit:] if last_edit is not None else calls  # the preview's last edit, then the rest
    parts = [c["params"]["text"] for c in final]
    assert len(parts) >= 2 and all(len(p) <= 4096 for p in parts)
    for p in parts:
        assert p.count("<b>") == p.count("</b>") and p.count("<a ") == p.count("</a>")
        assert not re.search(r"\[\d*$|^\d*\]", p)  # no citation cut in half
    joined = " ".join(parts)
    assert len(re.findall(r"\[[123]\]", joined)) >= 150
    assert "reply_markup" in final[-1]["params"] and all("reply_markup" not in c["params"] for c in final[:-1])


def test_streaming_edits_are_throttled(tg, tmp_path, seed_index, fake_openai):
    def slow(body):
        k = keys_in(body)
        # many short cited sentences: the preview grows sentence by sentence
        return {"content": " ".join(f"جملة قصيرة عن مينسك [{k[0]}]." for _ in range(30)), "chunk_delay": 0.03}

    fake_openai.default = slow
    with RunningBot(make_app(tg, tmp_path, seed_index, fake_openai, stream_edit_interval=1.5)):
        tg.message(MINSK_Q)
        tg.wait_for(lambda: final_answer(tg))
    edits = [c for c in tg.calls if c["method"] in ("sendMessage", "editMessageText")]
    assert len(edits) >= 3  # a first preview, at least one progressive edit, the final text
    assert edits[0]["method"] == "sendMessage" and all(e["method"] == "editMessageText" for e in edits[1:])
    gaps = [b["time"] - a["time"] for a, b in zip(edits, edits[1:])]
    assert min(gaps) >= 1.4, gaps
    final = edits[-1]["params"]["text"]
    assert final.count("جملة قصيرة عن مينسك [1].") == 30 and "المصادر" in final and " …" not in final


def test_rate_limit(tg, tmp_path, seed_index):
    with RunningBot(make_app(tg, tmp_path, seed_index, rate_limit_per_minute=2)):
        for _ in range(3):
            tg.message(MINSK_Q)
        tg.wait_for(lambda: len(tg.sent("sendMessage")) == 3)
    replies = [p["text"] for p in tg.sent("sendMessage")]
    assert sum("أسئلة كثيرة" in r for r in replies) == 1


def test_too_long_wordless_and_non_text_messages(tg, tmp_path, seed_index):
    with RunningBot(make_app(tg, tmp_path, seed_index)):
        tg.message("سؤال " * 300)
        tg.wait_for(lambda: len(tg.sent("sendMessage")) == 1)
        tg.message("😀🎉", lang="en")
        tg.wait_for(lambda: len(tg.sent("sendMessage")) == 2)
        tg.message(None, sticker={"file_id": "s", "file_unique_id": "s", "width": 1, "height": 1,
                                  "is_animated": False, "is_video": False, "type": "regular"})
        tg.wait_for(lambda: len(tg.sent("sendMessage")) == 3)
    first, second, third = [p["text"] for p in tg.sent("sendMessage")]
    assert "طويل جداً" in first and "1000" in first
    assert "كلمات" in second
    assert "الأسئلة المكتوبة" in third


def test_html_in_passages_is_escaped_and_source_button_shows_passage(tg, tmp_path, fake_embedder):
    index = Index(tmp_path / "idx", fake_embedder)
    ingest(index, [Article("x1", "عقد اجتماع مينسك الثلاثي <script>alert(1)</script> و<b>لافروف</b> حاضر & مبتسم.",
                           "عنوان <i>خطر</i>", "2021-10-14", "TASS", "https://example.org/a?x=1&y=2")])
    with RunningBot(make_app(tg, tmp_path, index)):
        tg.message("اجتماع مينسك الثلاثي لافروف")
        tg.wait_for(lambda: final_answer(tg))
        final = final_answer(tg)
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in final["text"] and "<script>" not in final["text"]
        assert "&lt;b&gt;لافروف&lt;/b&gt;" in final["text"] and "&amp;" in final["text"]
        assert '<a href="https://example.org/a?x=1&amp;y=2">عنوان &lt;i&gt;خطر&lt;/i&gt;</a>' in final["text"]
        button = final["reply_markup"]["inline_keyboard"][0][0]
        bot_msg = {"message_id": 7, "date": 0, "chat": {"id": 111, "type": "private"},
                   "from": {"id": BOT_ID, "is_bot": True, "first_name": "T"}, "text": "x"}
        tg.callback(button["callback_data"], bot_msg)
        tg.wait_for(lambda: tg.sent("answerCallbackQuery") and len(tg.sent("sendMessage")) == 2)
    passage = tg.sent("sendMessage")[-1]["text"]
    assert "«" in passage and "&lt;script&gt;" in passage and "<script>" not in passage


def test_telegram_429_is_waited_out(tg, tmp_path, seed_index):
    tg.flood["sendMessage"] = 1
    with RunningBot(make_app(tg, tmp_path, seed_index)):
        tg.message("/help")
        tg.wait_for(lambda: len(tg.sent("sendMessage")) == 2)
    first, second = [c for c in tg.calls if c["method"] == "sendMessage"]
    assert second["time"] - first["time"] >= 0.95
    assert second["params"]["text"].startswith("مرحباً")


def slow_cited(body, sentences=12, delay=0.05):
    k = keys_in(body)
    return {"content": " ".join(f"جملة قصيرة عن مينسك [{k[0]}]." for _ in range(sentences)), "chunk_delay": delay}


def is_final(params) -> bool:
    return "reply_markup" in params


def test_a_telegram_500_on_the_preview_is_retried_and_never_blamed_on_the_llm(tg, tmp_path, seed_index, fake_openai):
    fake_openai.default = slow_cited
    failed = []

    def once(method, params):  # the first preview fails once
        if method == "sendMessage" and not failed:
            failed.append(params["text"])
            return 500
    tg.fail = once
    with RunningBot(make_app(tg, tmp_path, seed_index, fake_openai, stream_edit_interval=0.3)):
        tg.message(MINSK_Q)
        tg.wait_for(lambda: final_answer(tg))
    final = final_answer(tg)["text"]
    assert failed and final.count("جملة قصيرة عن مينسك [1].") == 12
    assert not any(t("llm_failed", "ar") in x for x in texts(tg))
    previews = [c for c in tg.calls if c["method"] == "sendMessage"]
    assert previews[1]["params"]["text"] == failed[0]  # the same preview, retried once


def test_persistent_flood_control_on_previews_pauses_them_and_the_answer_still_arrives(tg, tmp_path, seed_index,
                                                                                       fake_openai):
    fake_openai.default = slow_cited
    tg.fail = lambda method, params: 429 if method == "editMessageText" and not is_final(params) else None
    with RunningBot(make_app(tg, tmp_path, seed_index, fake_openai, stream_edit_interval=0.2)):
        tg.message(MINSK_Q)
        tg.wait_for(lambda: final_answer(tg))
    refused = [c["time"] for c in tg.calls if c["method"] == "editMessageText" and not is_final(c["params"])]
    # flood control asked for 1 s: previews waited that out instead of hammering every 0.2 s
    assert refused and all(b - a >= 0.95 for a, b in zip(refused, refused[1:]))
    assert final_answer(tg)["text"].count("[1].") == 12
    assert not any(t("llm_failed", "ar") in x for x in texts(tg))


def test_a_failing_final_edit_is_retried_then_sent_as_a_new_message(tg, tmp_path, seed_index, fake_openai):
    fake_openai.default = slow_cited
    tg.fail = lambda method, params: 500 if method == "editMessageText" and is_final(params) else None
    with RunningBot(make_app(tg, tmp_path, seed_index, fake_openai, stream_edit_interval=0.2)):
        tg.message(MINSK_Q)
        tg.wait_for(lambda: any(is_final(p) for p in tg.sent("sendMessage")))
    finals = [c for c in tg.calls if is_final(c["params"])]
    assert [c["method"] for c in finals] == ["editMessageText", "editMessageText", "sendMessage"]
    assert finals[-1]["params"]["text"].count("[1].") == 12 and "المصادر" in finals[-1]["params"]["text"]


def test_a_hung_llm_falls_back_and_typing_is_renewed_meanwhile(tg, tmp_path, seed_index, fake_openai):
    fake_openai.default = lambda body: {"delay": 8.0, "content": "late"}
    settings = bot_settings(tg, tmp_path, typing_interval=0.3)
    llm = OpenAIChat("fake", fake_openai.base_url, "k", timeout=60, max_retries=3, first_token_timeout=1.5)
    app = build_application(settings, Answerer(seed_index, llm, AnswerSettings()))
    with RunningBot(app):
        tg.message(MINSK_Q)
        tg.wait_for(lambda: final_answer(tg))
    assert t("llm_failed", "ar") in final_answer(tg)["text"]
    assert len(fake_openai.chat_requests()) == 1  # no retry storm on a timeout
    typing = [c["time"] for c in tg.calls if c["method"] == "sendChatAction"]
    assert len(typing) >= 3 and all(b - a < 1.0 for a, b in zip(typing, typing[1:]))


def test_history_survives_a_restart(tg, tmp_path, seed_index, fake_openai):
    fake_openai.default = cite_first_two
    with RunningBot(make_app(tg, tmp_path, seed_index, fake_openai)):
        tg.message(MINSK_Q)
        tg.wait_for(lambda: final_answer(tg))
    fake_openai.requests.clear()
    fake_openai.script = [{"content": "من شارك في الاجتماع الثلاثي في مينسك؟"}]
    with RunningBot(make_app(tg, tmp_path, seed_index, fake_openai)):  # a new process, same data dir
        tg.message("ومن شارك فيه؟")
        tg.wait_for(lambda: len([c for c in tg.calls if "reply_markup" in c["params"]]) == 2)
        tg.message("/new")
        tg.wait_for(lambda: any("محادثة جديدة" in t for t in texts(tg)))
    condense = fake_openai.chat_requests()[0]["body"]["messages"][-1]["content"]
    assert MINSK_Q in condense and "ومن شارك فيه؟" in condense


def test_sources_and_about_commands(tg, tmp_path, seed_index):
    with RunningBot(make_app(tg, tmp_path, seed_index)):
        tg.message("/sources")
        tg.wait_for(lambda: len(tg.sent("sendMessage")) == 1)
        tg.message(MINSK_Q)
        tg.wait_for(lambda: final_answer(tg))
        n_sources = len(final_answer(tg)["reply_markup"]["inline_keyboard"][0])
        before = len(tg.sent("sendMessage"))
        tg.message("/sources")
        tg.wait_for(lambda: len(tg.sent("sendMessage")) >= before + n_sources)
        tg.message("/about", lang="en")
        tg.wait_for(lambda: any("archive holds" in p["text"] for p in tg.sent("sendMessage")))
    msgs = [p["text"] for p in tg.sent("sendMessage")]
    assert "لا توجد إجابة سابقة" in msgs[0]
    assert any(m.startswith("\u200f[1]") and "«" in m for m in msgs)
    about = next(m for m in msgs if "archive holds" in m)
    assert "5 articles" in about and "2020-10-21" in about and "2023-05-19" in about


def test_slow_answer_does_not_block_other_chats(tg, tmp_path, seed_index, fake_openai):
    def reply(body):
        k = keys_in(body)
        slow = "مينسك" in body["messages"][-1]["content"].split("Question:")[-1]
        return {"content": f"جواب [{k[0]}].", "delay": 4.0 if slow else 0.0}

    fake_openai.default = reply
    with RunningBot(make_app(tg, tmp_path, seed_index, fake_openai)):
        tg.message(MINSK_Q, chat_id=1)
        tg.wait_for(lambda: fake_openai.chat_requests())  # the slow answer is under way
        tg.message("من أصدر بيان محادثات بوتين وباشينيان؟", chat_id=2)
        tg.wait_for(lambda: final_answer(tg, 1) and final_answer(tg, 2))
    done = {c["params"]["chat_id"]: c["time"] for c in tg.calls if "reply_markup" in c["params"]}
    assert done[2] < done[1]  # the quick question did not wait for the slow one


def test_allowlist_and_error_apology(tg, tmp_path, seed_index):
    def broken(index, question, k):
        raise RuntimeError("disk on fire")

    settings = bot_settings(tg, tmp_path, telegram_allowed_chat_ids=[111])
    app = build_application(settings, Answerer(seed_index, None, AnswerSettings(), search=broken))
    with RunningBot(app):
        tg.message(MINSK_Q, chat_id=222)
        tg.wait_for(lambda: tg.sent("sendMessage", 222))
        tg.message("When was the Minsk meeting?", chat_id=111)
        tg.wait_for(lambda: tg.sent("sendMessage", 111))
    assert "غير متاح" in tg.sent("sendMessage", 222)[0]["text"]
    assert tg.sent("sendMessage", 111)[0]["text"].startswith("Sorry, something went wrong")


@pytest.mark.parametrize("command", ["/start", "/about", "/sources", "/new", "/list", "/add title: x\nنص مقال جديد"])
def test_a_chat_not_allowed_gets_nothing_but_a_refusal(tg, tmp_path, seed_index, command):
    settings = bot_settings(tg, tmp_path, telegram_allowed_chat_ids=[111], telegram_admin_ids=[222])
    app = build_application(settings, Answerer(seed_index, None, AnswerSettings()))
    n = seed_index.catalog.count_articles()
    with RunningBot(app):
        tg.message(command, chat_id=222, user_id=222)  # an admin, but in a chat that is not allowed
        tg.wait_for(lambda: tg.sent("sendMessage", 222))
        tg.message("/help", chat_id=111)  # the allowed chat is served meanwhile
        tg.wait_for(lambda: tg.sent("sendMessage", 111))
    replies = [p["text"] for p in tg.sent("sendMessage", 222)]
    assert len(replies) == 1 and "غير متاح" in replies[0]
    assert seed_index.catalog.count_articles() == n  # /add did nothing


def test_webhook_mode(tg, tmp_path, seed_index):
    import json as _json
    import urllib.error
    import urllib.request

    from bot.telegram.app import webhook_options
    from tests.conftest import free_port

    port = free_port()
    settings = bot_settings(tg, tmp_path, webhook_url=f"http://127.0.0.1:{port}/hooks/talks",
                            webhook_listen="127.0.0.1", webhook_port=port, webhook_secret="s3cret")
    options = webhook_options(settings)
    assert options["url_path"] == "hooks/talks"
    app = build_application(settings, Answerer(seed_index, None, AnswerSettings()))
    update = {"update_id": 1, "message": {"message_id": 3, "date": 0, "chat": {"id": 111, "type": "private"},
                                          "from": {"id": 111, "is_bot": False, "first_name": "U",
                                                   "language_code": "ar"}, "text": MINSK_Q}}

    def post(secret):
        req = urllib.request.Request(settings.webhook_url, data=_json.dumps(update).encode(), method="POST",
                                     headers={"Content-Type": "application/json",
                                              "X-Telegram-Bot-Api-Secret-Token": secret})
        try:
            return urllib.request.urlopen(req, timeout=10).status
        except urllib.error.HTTPError as exc:
            return exc.code

    with RunningBot(app, webhook=options):
        hook = tg.sent("setWebhook")[0]
        assert hook["url"] == settings.webhook_url and hook["secret_token"] == "s3cret"
        assert post("wrong") == 403  # only Telegram, which knows the secret, may post updates
        assert post("s3cret") == 200
        tg.wait_for(lambda: final_answer(tg))
    assert "[1]" in final_answer(tg)["text"] and len(tg.sent("sendMessage")) == 1


def test_english_question_without_llm_is_answered_from_the_arabic_passage(tg, tmp_path, seed_index):
    with RunningBot(make_app(tg, tmp_path, seed_index)):
        tg.message("What did Russia deploy in Nagorno-Karabakh after the 2020 ceasefire?")
        tg.wait_for(lambda: final_answer(tg))
    final = final_answer(tg)
    assert final["text"].startswith("Excerpts from the articles")
    assert "كتيبة من قوات حفظ السلام" in final["text"] and "<b>Sources</b>" in final["text"]


def test_weak_evidence_is_refused_with_the_closest_passages_labelled(tg, tmp_path, seed_index):
    with RunningBot(make_app(tg, tmp_path, seed_index)):
        tg.message("كم يبلغ راتب وزير الخارجية الروسي؟")
        tg.wait_for(lambda: final_answer(tg))
    final = final_answer(tg)
    first_line = final["text"].lstrip("\u200f").split("\n")[0]
    assert first_line.startswith("لا يبدو أن المقالات") and "ليست إجابة" in first_line
    assert "<b>المصادر</b>" in final["text"]  # the closest passages can be opened and checked


def test_timeline_is_paged_with_buttons(tg, tmp_path, seed_index):
    with RunningBot(make_app(tg, tmp_path, seed_index)):
        tg.message("/timeline", chat_id=111)
        tg.wait_for(lambda: tg.sent("sendMessage", 111))
        first = tg.sent("sendMessage", 111)[0]
        assert "الخط الزمني" in first["text"] and "2020-09-27" in first["text"] and "<b>2020-11-09</b>" in first["text"]
        markup = first["reply_markup"]
        buttons = (json.loads(markup) if isinstance(markup, str) else markup)["inline_keyboard"][0]
        assert [b["text"] for b in buttons] == ["»"]
        message = {"message_id": 1000, "date": 0, "chat": {"id": 111, "type": "private"},
                   "from": {"id": BOT_ID, "is_bot": True, "first_name": "Talks"}, "text": first["text"]}
        tg.callback(buttons[0]["callback_data"], message)
        tg.wait_for(lambda: tg.sent("editMessageText", 111))
        second = tg.sent("editMessageText", 111)[0]["text"]
        assert "2023-05-19" in second and "2020-09-27" not in second  # the next page, in order
        tg.message("/timeline كرة القدم والدوري الإسباني", chat_id=111)
        tg.wait_for(lambda: len(tg.sent("sendMessage", 111)) == 2)
    assert "لا أجد في المقالات أحداثاً مؤرخة" in tg.sent("sendMessage", 111)[1]["text"]
    photos = tg.sent("sendPhoto", 111)
    assert len(photos) == 1 and photos[0]["photo"][:8] == b"\x89PNG\r\n\x1a\n"  # a picture with the first page only
