"""`python -m bot` as a real process against the fake Bot API: started, killed mid-ingest, restarted."""

import os
import shutil
import signal
import subprocess
import sys

import pytest

from retrieval.catalog import Catalog
from tests.conftest import SEED_CORPUS

ADMIN = 42
BIG = "\n".join(f"الفقرة رقم {i}: ناقش الوفدان في الجولة {i} من المفاوضات ملف ترسيم الحدود وممر لاتشين وتبادل الأسرى، "
                f"وأكد المتحدث أن الجولة {i} شهدت تقدماً في ملفات النقل والطاقة والمياه بين البلدين. " * 4
                for i in range(40))


@pytest.fixture
def bot_process(tg, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEED_CORPUS, corpus)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "TELEGRAM_", "CHROMA_"))}
    env.update(TELEGRAM_BOT_TOKEN=tg.token, TELEGRAM_API_BASE_URL=tg.base_url, TELEGRAM_ADMIN_IDS=str(ADMIN),
               DATA_DIR=str(tmp_path / "data"), CORPUS_DIR=str(corpus), STREAM_EDIT_INTERVAL="0.2")
    procs = []

    def start():
        calls = len(tg.sent("deleteWebhook"))
        proc = subprocess.Popen([sys.executable, "-m", "bot"], cwd=tmp_path, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        procs.append(proc)
        tg.wait_for(lambda: len(tg.sent("deleteWebhook")) > calls or proc.poll() is not None, timeout=120)
        assert proc.poll() is None, proc.stderr.read()
        return proc

    yield start, corpus, tmp_path / "data"
    for proc in procs:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_killed_in_the_middle_of_an_ingest_loses_nothing(tg, bot_process):
    start, corpus, data = bot_process
    proc = start()
    tg.message("متى عقد الاجتماع الثلاثي في مينسك؟", chat_id=ADMIN)
    tg.wait_for(lambda: any("reply_markup" in p for p in tg.sent("sendMessage", ADMIN)), timeout=60)
    files_before = sorted(p.name for p in corpus.iterdir())

    tg.message("/add title: جولة مفاوضات طويلة\n" + BIG, chat_id=ADMIN)
    tg.wait_for(lambda: any("جارٍ المعالجة" in p["text"] for p in tg.sent("sendMessage", ADMIN)))
    import time

    time.sleep(1.5)  # embedding the 40 passages takes several seconds: kill in the middle
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()

    catalog = Catalog(data / "catalog.sqlite")
    assert catalog.count_articles() == 5  # the new article is not half there...
    for row in catalog.articles():
        assert len(catalog.article_passages(row.id)) == row.n_passages > 0  # ...and the old ones are whole
    assert sorted(p.name for p in corpus.iterdir()) == files_before
    catalog.close()

    start()  # restart and send the same article again
    tg.message("/add title: جولة مفاوضات طويلة\n" + BIG, chat_id=ADMIN)
    tg.wait_for(lambda: any("أضيف 1" in c["params"].get("text", "") for c in tg.calls), timeout=120)
    tg.message("ماذا ناقش الوفدان في الجولة 17 من المفاوضات؟", chat_id=ADMIN)
    tg.wait_for(lambda: sum("reply_markup" in p for p in tg.sent("sendMessage", ADMIN)) >= 2, timeout=60)
    answer = [p for p in tg.sent("sendMessage", ADMIN) if "reply_markup" in p][-1]["text"]
    assert "جولة مفاوضات طويلة" in answer
    assert len([p for p in corpus.iterdir()]) == len(files_before) + 1
