"""Growing the corpus from the chat, end to end through the fake Bot API and a local web site."""

import io
import json
import shutil
import time
import zipfile

import pytest

from bot.answer import Answerer, AnswerSettings
from bot.telegram.app import build_application
from retrieval.index import Index
from retrieval.ingest import ingest, sync
from retrieval.loaders import load_corpus
from retrieval.search import hybrid
from tests.conftest import SEED_CORPUS, free_port
from tests.fake_site import FakeSite
from tests.fake_telegram import BOT_ID
from tests.fakes import HashEmbedder
from tests.test_loaders import _pdf
from tests.telegram_harness import RunningBot, bot_settings

ADMIN, USER = 42, 7
NEW_TEXT = ("قمة جديدة في سوتشي\nاجتمع القادة الثلاثة في سوتشي لبحث ممر زنغزور وفتح طرق النقل بين أرمينيا وأذربيجان. "
            "واتفقوا على مواصلة ترسيم الحدود في الأشهر المقبلة.")


@pytest.fixture(scope="module")
def site():
    s = FakeSite()
    yield s
    s.close()


@pytest.fixture
def world(tmp_path, site):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEED_CORPUS, corpus)
    index = Index(tmp_path / "data", HashEmbedder())
    ingest(index, load_corpus(corpus).articles)
    return {"corpus": corpus, "index": index, "data": tmp_path / "data", "site": site}


def make_app(tg, world, **over):
    values = dict(corpus_dir=world["corpus"], telegram_admin_ids=[ADMIN], url_allowlist=["127.0.0.1"],
                  url_fetch_timeout=1.0, url_max_bytes=1_000_000, stream_edit_interval=0.2) | over
    settings = bot_settings(tg, world["data"], **values)
    return build_application(settings, Answerer(world["index"], None, AnswerSettings()))


def last_text(tg, chat_id):
    calls = [c for c in tg.calls if c["method"] in ("sendMessage", "editMessageText")
             and int(c["params"].get("chat_id", 0)) == chat_id]
    return calls[-1]["params"]["text"] if calls else ""


def wait_report(tg, chat_id=ADMIN, marker=("انتهى", "تعذّرت")):
    tg.wait_for(lambda: any(m in last_text(tg, chat_id) for m in marker))
    return last_text(tg, chat_id)


def snapshot(world):
    return (world["index"].catalog.count_articles(), sorted(p.name for p in world["corpus"].iterdir()))


def document(tg, name: str, data: bytes, user=ADMIN, size=None):
    file_id = f"f{len(tg.files)}"
    tg.files[file_id] = data
    return tg.message(None, chat_id=user, document={"file_id": file_id, "file_unique_id": file_id,
                                                    "file_name": name, "file_size": size or len(data)})


def test_non_admins_are_refused_and_nothing_changes(tg, world):
    before = snapshot(world)
    with RunningBot(make_app(tg, world)):
        for cmd in ["/add " + NEW_TEXT, "/remove 000_dc66f0d28929bb97", "/list", "/stats", "/reindex", "/log"]:
            tg.message(cmd, chat_id=USER)
        document(tg, "a.txt", NEW_TEXT.encode(), user=USER)
        tg.wait_for(lambda: len(tg.sent("sendMessage", USER)) == 7)
    assert all("للمشرفين فقط" in p["text"] for p in tg.sent("sendMessage", USER))
    assert snapshot(world) == before
    assert tg.sent("getFile") == []


def test_add_text_writes_the_corpus_and_the_audit_log(tg, world):
    with RunningBot(make_app(tg, world)):
        tg.message("/add title: عنوان محدد\ndate: 2022-10-31\nsource: TASS\n" + NEW_TEXT, chat_id=ADMIN)
        report = wait_report(tg)
        tg.message("/log", chat_id=ADMIN)
        tg.wait_for(lambda: "add" in last_text(tg, ADMIN) and "42" in last_text(tg, ADMIN))
    assert "أضيف 1" in report and "عنوان محدد" in report
    row = next(r for r in world["index"].catalog.articles() if r.title == "عنوان محدد")
    assert (row.date, row.source) == ("2022-10-31", "TASS")
    text = (world["corpus"] / f"{row.id}.md").read_text(encoding="utf-8")
    assert text.startswith("---\nid: ") and '"عنوان محدد"' in text and text.endswith(NEW_TEXT)
    audit = [json.loads(x) for x in (world["data"] / "audit.jsonl").read_text(encoding="utf-8").splitlines()]
    add = next(e for e in reversed(audit) if e["action"] == "add")
    assert add["who"].startswith("42") and add["article_id"] == row.id
    assert [e["action"] for e in audit[-3:]] == ["add_started", "add", "add_finished"]
    assert hybrid(world["index"], "ممر زنغزور سوتشي", 1)[0].article_id == row.id


def test_add_as_reply_and_empty_add(tg, world):
    original = {"message_id": 55, "date": 0, "chat": {"id": ADMIN, "type": "private"},
                "from": {"id": 1, "is_bot": False, "first_name": "X"}, "text": NEW_TEXT}
    with RunningBot(make_app(tg, world)):
        tg.message("/add", chat_id=ADMIN)
        tg.wait_for(lambda: "/add" in last_text(tg, ADMIN))
        tg.message("/add", chat_id=ADMIN, reply_to=original)
        report = wait_report(tg)
    assert "أضيف 1" in report and "قمة جديدة في سوتشي" in report  # title from the first line
    row = next(r for r in world["index"].catalog.articles() if r.title == "قمة جديدة في سوتشي")
    assert row.date == time.strftime("%Y-%m-%d")  # today, when not given


def test_add_url(tg, world):
    with RunningBot(make_app(tg, world)):
        tg.message(f"/add {world['site'].base}/article", chat_id=ADMIN)
        report = wait_report(tg)
    assert "أضيف 1" in report
    row = next(r for r in world["index"].catalog.articles() if "زنغزور" in r.title)
    assert row.title == "قمة سوتشي تبحث ممر زنغزور" and row.date == "2022-10-31"
    assert row.url == f"{world['site'].base}/article"
    body = (world["corpus"] / f"{row.id}.md").read_text(encoding="utf-8")
    assert "عدم استخدام القوة" in body and "الرئيسية | أخبار" not in body  # menus stripped


@pytest.mark.parametrize("url, reason", [
    ("ftp://example.org/a", "ليس عنوان http(s) صالحاً"),
    ("http://169.254.169.254/latest/meta-data/", "عنوان خاص أو محلي (169.254.169.254)"),
    ("http://10.1.2.3/x", "عنوان خاص أو محلي"),
    ("{base}/to-metadata", "عنوان خاص أو محلي"),     # a redirect into the metadata service
    ("{base}/slow", "لم يستجب الموقع"),
    ("{base}/pdf", "ليس صفحة ويب (application/pdf)"),
    ("{base}/huge", "أكبر من 1 ميغابايت"),
    ("{base}/menu", "لم يُعثر على نص مقال"),
    ("{base}/missing", "HTTP 404"),
    ("http://127.0.0.1:{dead}/x", "تعذّر الوصول إلى الموقع"),
])
def test_bad_urls_are_refused_and_nothing_changes(tg, world, url, reason):
    """Each refusal is explained in the admin's language (Arabic here)."""
    before = snapshot(world)
    url = url.format(base=world["site"].base, dead=free_port())
    with RunningBot(make_app(tg, world)):
        tg.message(f"/add {url}", chat_id=ADMIN)
        report = wait_report(tg)
    assert "تعذّرت الإضافة" in report and reason in report
    assert snapshot(world) == before


def test_loopback_is_refused_without_the_allowlist(tg, world):
    with RunningBot(make_app(tg, world, url_allowlist=[])):
        tg.message(f"/add {world['site'].base}/article", chat_id=ADMIN)
        report = wait_report(tg)
    assert "عنوان خاص أو محلي (127.0.0.1)" in report


def _docx_bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", b"\0" * (120 * 1024 * 1024))
    return buf.getvalue()


def test_files(tg, world):
    jsonl = "\n".join(json.dumps({"id": f"j{i}", "title": f"خبر {i}", "text": f"نص الخبر رقم {i} عن محادثات باكو ويريفان {i}.",
                                  "date": "2023-01-0%d" % (i + 1), "source": "AFP"}, ensure_ascii=False) for i in range(2))
    with RunningBot(make_app(tg, world)):
        document(tg, "sochi.txt", NEW_TEXT.encode())
        first = wait_report(tg)
        document(tg, "batch.jsonl", (jsonl + "\n{broken").encode())
        tg.wait_for(lambda: "أضيف 2" in last_text(tg, ADMIN))
        second = last_text(tg, ADMIN)
    assert "أضيف 1" in first and (world["corpus"] / "sochi.md").exists()
    assert "فشل 1" in second and "batch.jsonl:3" in second
    assert {"j0", "j1"} <= {r.id for r in world["index"].catalog.articles()}


@pytest.mark.parametrize("name, data, reason", [
    ("empty.txt", b"", "الملف فارغ"),
    ("bad.pdf", b"%PDF-1.4 broken", "PDF تالف"),
    ("bomb.docx", _docx_bomb(), "قنبلة ضغط"),
    ("virus.exe", b"MZ\x90\x00", "غير مدعوم"),
    ("bin.txt", b"\x00\x01\x02\x03", "ثنائياً"),
    ("locked.pdf", _pdf("secret", password="pw"), "كلمة مرور"),
])
def test_bad_files_are_refused_and_nothing_changes(tg, world, name, data, reason):
    before = snapshot(world)
    with RunningBot(make_app(tg, world)):
        document(tg, name, data)
        report = wait_report(tg)
    assert "تعذّرت الإضافة" in report and reason in report
    assert snapshot(world) == before


def test_file_over_20_mb_is_refused_before_download(tg, world):
    with RunningBot(make_app(tg, world)):
        document(tg, "big.pdf", b"%PDF", size=25 * 1024 * 1024)
        tg.wait_for(lambda: "كبير جداً" in last_text(tg, ADMIN))
    assert tg.sent("getFile") == []


def test_duplicate_and_near_duplicate(tg, world):
    seed = load_corpus(world["corpus"]).articles[0]
    wire_copy = "موسكو (وكالات) - " + seed.text.replace("المصدر: تاس", "المصدر: سبوتنيك")
    with RunningBot(make_app(tg, world)):
        tg.message("/add " + seed.text, chat_id=ADMIN)
        dup = wait_report(tg)
        tg.message("/add source: Sputnik\n" + wire_copy, chat_id=ADMIN)
        tg.wait_for(lambda: "مشابه جداً" in last_text(tg, ADMIN))
    held = [c for c in tg.calls if c["method"] == "editMessageText" and "reply_markup" in c["params"]][-1]
    assert seed.id in held["params"]["text"]
    count = world["index"].catalog.count_articles()
    button = held["params"]["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    msg = {"message_id": held["params"]["message_id"], "date": 0, "chat": {"id": ADMIN, "type": "private"},
           "from": {"id": BOT_ID, "is_bot": True, "first_name": "T"}, "text": "x"}
    with RunningBot(make_app(tg, world)):  # restarted in between: the held article is still there
        tg.callback(button, msg, user_id=USER)  # a non-admin pressing it changes nothing
        tg.wait_for(lambda: tg.sent("answerCallbackQuery"))
        assert world["index"].catalog.count_articles() == count
        tg.callback(button, msg, user_id=ADMIN)
        tg.wait_for(lambda: "أضيف 1" in last_text(tg, ADMIN))
        tg.callback(button, msg, user_id=ADMIN)  # pressed twice: nothing more happens
        tg.wait_for(lambda: "انتهت صلاحية" in last_text(tg, ADMIN))
    assert "مكرر 1" in dup and f"في المقال {seed.id}" in dup
    assert world["index"].catalog.count_articles() == count + 1
    added = next(r for r in world["index"].catalog.articles() if r.source == "Sputnik")
    assert (world["corpus"] / f"{added.id}.md").exists()


def test_files_shared_in_groups_need_an_add_caption(tg, world):
    before = snapshot(world)
    group = -500
    with RunningBot(make_app(tg, world)) as bot:
        tg.files["g1"] = NEW_TEXT.encode()
        doc = {"file_id": "g1", "file_unique_id": "g1", "file_name": "g.txt", "file_size": len(NEW_TEXT.encode())}
        bot.wait_processed(tg.message(None, chat_id=group, user_id=ADMIN, chat_type="group", document=doc))
        assert tg.sent("getFile") == [] and snapshot(world) == before
        tg.message(None, chat_id=group, user_id=ADMIN, chat_type="group", document=doc, caption="/add")
        wait_report(tg, chat_id=group)
    assert world["index"].catalog.count_articles() == before[0] + 1


def test_remove_with_confirmation(tg, world):
    target = "004_13ef93096cc37932"
    with RunningBot(make_app(tg, world)):
        tg.message(f"/remove {target}", chat_id=ADMIN)
        tg.wait_for(lambda: "reply_markup" in (tg.sent("sendMessage", ADMIN) or [{}])[-1])
        ask = tg.sent("sendMessage", ADMIN)[-1]
        yes, no = ask["reply_markup"]["inline_keyboard"][0]
        msg = {"message_id": 77, "date": 0, "chat": {"id": ADMIN, "type": "private"},
               "from": {"id": BOT_ID, "is_bot": True, "first_name": "T"}, "text": "x"}
        tg.callback(no["callback_data"], msg, user_id=ADMIN)
        tg.wait_for(lambda: "أُلغي" in last_text(tg, ADMIN))
        assert world["index"].catalog.article(target) is not None
        tg.callback(yes["callback_data"], msg, user_id=ADMIN)
        tg.wait_for(lambda: "حُذف" in last_text(tg, ADMIN))
        tg.message("/remove nope", chat_id=ADMIN)
        tg.wait_for(lambda: "لا يوجد مقال" in last_text(tg, ADMIN))
    assert world["index"].catalog.article(target) is None
    assert not (world["corpus"] / f"{target}.md").exists()
    audit = (world["data"] / "audit.jsonl").read_text(encoding="utf-8")
    assert '"remove"' in audit and target in audit


def test_list_pages_and_stats(tg, world):
    from retrieval.article import Article

    ingest(world["index"], [Article(f"x{i:02d}", f"خبر إضافي رقم {i} عن المفاوضات في جنيف {i}.", f"خبر {i}",
                                    "2024-01-%02d" % (i + 1), "AFP") for i in range(12)])
    with RunningBot(make_app(tg, world)):
        tg.message("/list", chat_id=ADMIN)
        tg.wait_for(lambda: tg.sent("sendMessage", ADMIN))
        first = tg.sent("sendMessage", ADMIN)[-1]
        nav = first["reply_markup"]["inline_keyboard"][0]
        assert [b["text"] for b in nav] == ["»"]
        msg = {"message_id": 88, "date": 0, "chat": {"id": ADMIN, "type": "private"},
               "from": {"id": BOT_ID, "is_bot": True, "first_name": "T"}, "text": "x"}
        tg.callback(nav[0]["callback_data"], msg, user_id=ADMIN)
        tg.wait_for(lambda: tg.sent("editMessageText", ADMIN))
        tg.message("/stats", chat_id=ADMIN, lang="en")
        tg.wait_for(lambda: "Articles: 17" in last_text(tg, ADMIN))
    assert "المقالات 1–10 من 17" in first["text"] and "<code>x11</code>" in first["text"]
    second = tg.sent("editMessageText", ADMIN)[-1]
    assert "11–17 من 17" in second["text"] and "000_dc66f0d28929bb97" in second["text"]
    assert "AFP (12)" in last_text(tg, ADMIN)


class SlowEmbedder(HashEmbedder):
    """Embedding passages takes seconds, as with the real model on a big article."""

    def embed(self, texts, *, query=False):
        if not query:
            time.sleep(3)
        return super().embed(texts, query=query)


def test_questions_are_answered_while_an_ingest_runs(tg, world):
    world["index"].embedder = SlowEmbedder()
    with RunningBot(make_app(tg, world)):
        tg.message("/add " + NEW_TEXT, chat_id=ADMIN)
        tg.wait_for(lambda: tg.sent("sendMessage", ADMIN))  # the "working" message
        tg.message("متى عقد الاجتماع الثلاثي في مينسك؟", chat_id=USER)
        tg.wait_for(lambda: any("reply_markup" in p for p in tg.sent("sendMessage", USER)))
        report = wait_report(tg)
    answered = next(c["time"] for c in tg.calls if c["method"] == "sendMessage" and "reply_markup" in c["params"]
                    and int(c["params"]["chat_id"]) == USER)
    done = next(c["time"] for c in tg.calls if c["method"] == "editMessageText" and "انتهى" in c["params"]["text"])
    assert answered < done  # answered while the ingest (seconds of embedding) was still running
    assert "أضيف 1" in report


def test_reindex_reproduces_the_same_search_results(tg, world, tmp_path):
    with RunningBot(make_app(tg, world)):
        tg.message("/add " + NEW_TEXT, chat_id=ADMIN)
        wait_report(tg)
        tg.message("/reindex", chat_id=ADMIN)
        tg.wait_for(lambda: last_text(tg, ADMIN).startswith("✅") and "تعذّرت" not in last_text(tg, ADMIN)
                    and len([c for c in tg.calls if "انتهى" in c["params"].get("text", "")]) >= 2)
    fresh = Index(tmp_path / "fresh", HashEmbedder())
    sync(fresh, load_corpus(world["corpus"]).articles)
    for q in ["ممر زنغزور سوتشي", "متى عقد الاجتماع الثلاثي في مينسك؟", "بوتين وباشينيان", "What about Lachin corridor?"]:
        a = [(h.passage_id, h.text) for h in hybrid(world["index"], q, 5)]
        b = [(h.passage_id, h.text) for h in hybrid(fresh, q, 5)]
        assert a == b, q


def test_an_addition_cut_by_a_stop_is_completed_in_the_audit_log_at_the_next_start(world):
    from bot.corpus_admin import CorpusAdmin
    from bot.config import Settings
    from retrieval.article import Article

    settings = Settings(_env_file=None, data_dir=world["data"], corpus_dir=world["corpus"])
    admin = CorpusAdmin(world["index"], settings)
    article = Article(id="killed-1", text=NEW_TEXT, title="مقال قبل التوقف", date="2022-10-31")
    # what add() does up to the commit, then the process dies before writing the audit line
    admin.audit.record("42 (admin)", "add_started", batch="b1", article_ids=[article.id], titles=[article.title])
    ingest(world["index"], [article])
    assert not [e for e in admin.audit.entries() if e["action"] == "add"]

    CorpusAdmin(world["index"], settings)  # the next start
    entries = admin.audit.entries()
    add = next(e for e in entries if e["action"] == "add")
    assert add["article_id"] == "killed-1" and add["recovered"] is True and add["who"] == "42 (admin)"
    assert entries[-1]["action"] == "add_finished"
    CorpusAdmin(world["index"], settings)  # and only once
    assert len(admin.audit.entries()) == len(entries)
    assert [e["action"] for e in admin.audit.latest(5)][-1] == "add"  # brackets are not shown in /log


def test_add_report_says_what_it_changed_in_the_header(tg, world):
    long_title = "عنوان " * 200
    with RunningBot(make_app(tg, world)):
        tg.message(f"/add title: {long_title}\ntitle: عنوان ثان\ndate: yesterday\nurl: javascript:alert(1)\n" + NEW_TEXT,
                   chat_id=ADMIN)
        report = wait_report(tg)
    assert "أضيف 1" in report
    assert "300" in report and "javascript:alert(1)" in report and "yesterday" in report and "عنوان ثان" in report
    row = next(r for r in world["index"].catalog.articles() if r.title.startswith("عنوان عنوان"))
    assert row.url == "" and len(row.title) <= 301
