"""The `talks` command end to end, with the real bundled model over the seed corpus."""

import json
import shutil

import pytest

from bot.cli import main
from tests.conftest import DATA, SEED_CORPUS, free_port


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """A data dir indexed once from a copy of the seed corpus (the first `talks` call indexes it)."""
    root = tmp_path_factory.mktemp("cli")
    corpus = root / "corpus"
    shutil.copytree(SEED_CORPUS, corpus)
    return root / "data", corpus


@pytest.fixture
def env(monkeypatch, seeded):
    data, corpus = seeded
    monkeypatch.setenv("CORPUS_DIR", str(corpus))
    monkeypatch.delenv("CHROMA_HOST", raising=False)
    monkeypatch.setenv("EMBEDDING_BACKEND", "local")
    return data, corpus


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_first_use_indexes_the_corpus_and_lists_it(env, capsys):
    data, _ = env
    code, out, _ = run(capsys, "list", "--json", "--data-dir", data)
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 5 and all(r["passages"] > 0 for r in rows)
    assert {r["source"] for r in rows} >= {"TASS"}


@pytest.mark.parametrize("question, article", [
    ("متى عقد الاجتماع الثلاثي في مينسك؟", "000_dc66f0d28929bb97"),
    ("What did Russia deploy in Nagorno-Karabakh after the 2020 ceasefire?", "001_bcf5a54e3053a809"),
    ("Что Россия разместила в Нагорном Карабахе после прекращения огня в 2020 году?", "001_bcf5a54e3053a809"),
    ("ماذا بحث جيخون بايراموف مع لافروف في نوفمبر؟", "002_897a8455dd883e21"),
])
def test_search_json(env, capsys, question, article):
    data, _ = env
    code, out, _ = run(capsys, "search", question, "--k", 3, "--json", "--data-dir", data)
    assert code == 0
    results = [json.loads(line) for line in out.splitlines()]
    assert len(results) == 3
    for r in results:
        assert set(r) >= {"article_id", "passage_id", "score", "title", "date", "source", "url", "text"}
        assert r["passage_id"].startswith(r["article_id"] + ":")
    assert article in {r["article_id"] for r in results}


def test_search_filters(env, capsys):
    data, _ = env
    code, out, _ = run(capsys, "search", "اجتماع وزراء الخارجية", "--json", "--from", "2021-10-01",
                       "--to", "2021-12-31", "--source", "TASS", "--data-dir", data)
    dates = {json.loads(line)["date"] for line in out.splitlines()}
    assert code == 0 and dates and dates <= {"2021-10-14", "2021-11-02"}


def test_search_batch(env, capsys, tmp_path):
    data, _ = env
    batch = tmp_path / "q.jsonl"
    batch.write_text("\n".join([
        json.dumps({"id": "q1", "question": "من أصدر بيان محادثات بوتين وباشينيان؟"}, ensure_ascii=False),
        "not json",
        json.dumps({"id": 2, "question": "Who is the President of the European Council?"}),
    ]), encoding="utf-8")
    code, out, err = run(capsys, "search", "--batch", batch, "--k", 4, "--data-dir", data)
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["id"] for line in lines] == ["q1", 2]
    assert all(len(line["results"]) == 4 for line in lines)
    assert lines[0]["results"][0]["article_id"] == "003_bc4302d1b01ce6a2"
    assert "q.jsonl:2" in err and code == 1


def test_search_needs_a_question(env, capsys):
    data, _ = env
    code, _, err = run(capsys, "search", "  ", "--data-dir", data)
    assert code == 2 and "question" in err


def test_dev_qa_every_answerable_question_in_top5(env, capsys):
    data, _ = env
    code, out, _ = run(capsys, "eval", DATA / "dev_qa.jsonl", "--json", "--data-dir", data)
    assert code == 0
    hybrid = json.loads(out)["hybrid"]
    assert hybrid["all"]["n"] == 14
    assert hybrid["all"]["misses"] == [], hybrid["all"]
    assert hybrid["crosslingual"]["hit@5"] == 1.0


def test_eval_squad_indexes_its_contexts(env, capsys, tmp_path):
    data, _ = env
    squad = {"data": [{"title": "مينسك", "paragraphs": [
        {"context": "مينسك هي عاصمة بيلاروسيا وأكبر مدنها، وتقع على نهر سفيسلاتش.",
         "qas": [{"id": "s1", "question": "ما عاصمة بيلاروسيا؟", "answers": [{"text": "مينسك", "answer_start": 0}]}]},
        {"context": "يريفان هي عاصمة أرمينيا، وتعد من أقدم المدن المأهولة في العالم.",
         "qas": [{"id": "s2", "question": "ما عاصمة أرمينيا؟", "answers": [{"text": "يريفان", "answer_start": 0}]}]},
    ]}]}
    path = tmp_path / "squad.json"
    path.write_text(json.dumps(squad, ensure_ascii=False), encoding="utf-8")
    code, out, _ = run(capsys, "eval", path, "--k", 1, "--data-dir", data)
    assert code == 0
    assert "hybrid   all" in out and "dense" in out and "lexical" in out
    line = next(x for x in out.splitlines() if x.startswith("hybrid   all"))
    assert line.split()[-2] == "1.000"  # hit@1 over both questions


def test_ingest_remove_reindex(monkeypatch, capsys, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEED_CORPUS, corpus)
    monkeypatch.setenv("CORPUS_DIR", str(corpus))
    data = tmp_path / "data"
    src = tmp_path / "in"
    src.mkdir()
    (src / "new.txt").write_text("قمة جديدة\nاجتمع القادة في سوتشي لبحث ممر زنغزور وفتح طرق النقل.", encoding="utf-8")
    (src / "bad.exe").write_bytes(b"MZ")
    (src / "records.jsonl").write_text('{"id": "r1", "text": "نص قصير عن محادثات بروكسل بين الطرفين"}\n{broken\n',
                                       encoding="utf-8")
    code, out, _ = run(capsys, "ingest", src, src / "bad.exe", "--json", "--data-dir", data)
    report = json.loads(out)
    assert code == 1
    assert sorted(report["added"]) == ["new", "r1"]
    assert {f["item"] for f in report["failed"]} == {str(src / "bad.exe"), f"{src / 'records.jsonl'}:2"}
    assert (corpus / "new.md").exists()  # the corpus stays the source of truth

    code, out, _ = run(capsys, "search", "ممر زنغزور في سوتشي", "--json", "--k", 1, "--data-dir", data)
    assert json.loads(out.splitlines()[0])["article_id"] == "new"

    code, out, _ = run(capsys, "remove", "new", "--data-dir", data)
    assert code == 0 and not (corpus / "new.md").exists()
    code, out, _ = run(capsys, "log", "--json", "--data-dir", data)
    last = json.loads(out.splitlines()[0])  # newest first
    assert code == 0 and last["action"] == "remove" and last["article_id"] == "new" and last["who"].startswith("terminal")
    code, _, err = run(capsys, "remove", "new", "--data-dir", data)
    assert code == 2 and "no article" in err

    code, out, _ = run(capsys, "reindex", "--data-dir", data)
    assert code == 0
    code, out, _ = run(capsys, "list", "--json", "--data-dir", data)
    assert sorted(json.loads(x)["id"] for x in out.splitlines()) == sorted(p.stem for p in corpus.glob("*.md"))


def test_ingest_is_searchable_before_its_latent_terms_and_later_leaves_them_to_the_next_start(
        monkeypatch, capsys, tmp_path, env):
    from bot.config import Settings
    from bot.runtime import open_index

    (tmp_path / "corpus").mkdir()
    monkeypatch.setenv("CORPUS_DIR", str(tmp_path / "corpus"))  # an empty corpus: one article's passages
    data = tmp_path / "data"
    src = tmp_path / "in"
    src.mkdir()
    (src / "envoy.txt").write_text("مبعوث جديد\nوصل المبعوث الأوروبي الجديد إلى يريفان لبحث ترسيم الحدود.",
                                   encoding="utf-8")
    code, out, _ = run(capsys, "ingest", src, "--no-save", "--latent-later", "--json", "--data-dir", data)
    assert code == 0 and json.loads(out)["added"] == ["envoy"]
    index = open_index(Settings(data_dir=data))
    envoy = [p.pid for p in index.catalog.article_passages("envoy")]
    assert envoy and set(pid for pid, _ in index.catalog.without_latent()) == set(envoy)
    # The next command that answers computes them first (the bot would, in the background).
    code, out, _ = run(capsys, "search", "What did the new European envoy discuss in Yerevan?", "--json", "--k", 1,
                       "--data-dir", data)
    assert code == 0 and json.loads(out.splitlines()[0])["article_id"] == "envoy"
    assert index.missing_latent() == 0
    # Without --latent-later the command ends with them.
    (src / "envoy.txt").write_text("مبعوث جديد\nوصل المبعوث الأوروبي الجديد إلى يريفان لبحث ترسيم الحدود والممرات.",
                                   encoding="utf-8")
    code, out, _ = run(capsys, "ingest", src, "--no-save", "--json", "--data-dir", data)
    assert code == 0 and json.loads(out)["updated"] == ["envoy"]
    assert index.missing_latent() == 0 and index.catalog.latent([p.pid for p in index.catalog.article_passages("envoy")])
    # talks reindex likewise: --latent-later leaves them (here: a corpus folder with one article).
    (tmp_path / "corpus" / "envoy.md").write_text("مبعوث جديد\nوصل المبعوث إلى باكو لبحث ترسيم الحدود.", encoding="utf-8")
    code, out, _ = run(capsys, "reindex", "--latent-later", "--data-dir", data)
    assert code == 0 and index.missing_latent() > 0


def test_ingest_a_url(monkeypatch, capsys, tmp_path):
    from tests.fake_site import FakeSite

    site = FakeSite()
    try:
        corpus = tmp_path / "corpus"
        corpus.mkdir()
        monkeypatch.setenv("CORPUS_DIR", str(corpus))
        monkeypatch.setenv("URL_ALLOWLIST", "127.0.0.1")
        code, out, _ = run(capsys, "ingest", f"{site.base}/article", f"{site.base}/pdf", "--json",
                           "--data-dir", tmp_path / "data")
    finally:
        site.close()
    report = json.loads(out)
    assert code == 1 and len(report["added"]) == 1 and report["added"][0].startswith("web_")
    assert report["failed"] == [{"item": f"{site.base}/pdf", "reason": "the link is not a web page (application/pdf)"}]
    assert "زنغزور" in (corpus / f"{report['added'][0]}.md").read_text(encoding="utf-8")


def test_unreachable_chroma_server(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("CHROMA_HOST", "127.0.0.1")
    monkeypatch.setenv("CHROMA_PORT", str(free_port()))
    code, _, err = run(capsys, "list", "--data-dir", tmp_path)
    assert code == 3 and "Chroma" in err


def test_ask_json_and_bad_question(env, capsys):
    data, _ = env
    code, out, _ = run(capsys, "ask", "متى عقد الاجتماع الثلاثي في مينسك؟", "--json", "--data-dir", data)
    answer = json.loads(out)
    assert code == 0 and answer["mode"] == "extractive"
    assert set(answer) >= {"text", "sources", "passages", "mode", "decision"}
    decision = answer["decision"]
    assert decision["answerable"] is True and 0.5 <= decision["confidence"] <= 1 and decision["reasons"]
    assert answer["sources"][0]["article_id"] == "000_dc66f0d28929bb97" and "[1]" in answer["text"]
    code, _, err = run(capsys, "ask", "😀", "--data-dir", data)
    assert code == 2 and "كلمات" in err
    code, out, _ = run(capsys, "ask", "ما هي عاصمة أستراليا؟", "--json", "--data-dir", data)
    assert json.loads(out)["mode"] == "not_found"


def test_start_without_token_is_the_terminal_chat(env, capsys, monkeypatch):
    data, _ = env
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    lines = iter(["من شارك في اجتماع مينسك الثلاثي؟", "ومتى عقد؟", "/sources", "/new", "/sources", "/quit"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(lines))
    code, out, err = run(capsys, "start", "--data-dir", data)
    assert code == 0 and "terminal chat" in err
    before, after = out.split("(new conversation)")
    assert before.count("[1]") >= 3  # two answers, then /sources
    assert "مينسك" in before.rsplit("[1]", 1)[-1]  # /sources quotes the passage itself
    assert after.strip().startswith("[1]")  # /new forgets the turns, not the sources (as in Telegram)


def test_ingest_holds_a_near_duplicate_until_confirmed(monkeypatch, capsys, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEED_CORPUS, corpus)
    monkeypatch.setenv("CORPUS_DIR", str(corpus))
    data = tmp_path / "data"
    seed = sorted(SEED_CORPUS.glob("*.md"))[0].read_text(encoding="utf-8").split("\n---\n", 1)[1]
    copy = tmp_path / "republished.txt"
    copy.write_text("نشرت وكالة أخرى الخبر نفسه.\n" + seed, encoding="utf-8")
    code, out, _ = run(capsys, "ingest", copy, "--hold-near", "--json", "--data-dir", data)
    report = json.loads(out)
    assert code == 0 and report["added"] == [] and len(report["near_duplicates"]) == 1
    token = report["held"]["republished"]
    assert not (corpus / "republished.md").exists()

    code, out, _ = run(capsys, "confirm", token, "--json", "--data-dir", data)
    assert code == 0 and json.loads(out)["added"] == ["republished"] and (corpus / "republished.md").exists()
    code, _, err = run(capsys, "confirm", token, "--data-dir", data)
    assert code == 2 and "nothing held" in err  # a token adds once
    log = [json.loads(x) for x in (data / "audit.jsonl").read_text(encoding="utf-8").splitlines()]
    assert any(e["action"] == "add" and e["article_id"] == "republished" and e["who"].startswith("terminal") for e in log)
    code, _, err = run(capsys, "ingest", copy, "--hold-near", "--no-save", "--data-dir", data)
    assert code == 2 and "--no-save" in err


def test_reindex_into_a_new_data_dir_reproduces_search_results(monkeypatch, capsys, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEED_CORPUS, corpus)
    monkeypatch.setenv("CORPUS_DIR", str(corpus))
    new = tmp_path / "new.txt"
    new.write_text('---\ntitle: "قمة سوتشي"\ndate: "2022-10-31"\n---\nاجتمع القادة في سوتشي لبحث ممر زنغزور.',
                   encoding="utf-8")
    code, out, _ = run(capsys, "ingest", new, "--json", "--data-dir", tmp_path / "a")
    assert json.loads(out)["added"] == ["new"]
    queries = ["ممر زنغزور", "What did Russia deploy in Nagorno-Karabakh?", "بيان الكرملين عن محادثات بوتين"]

    def results(data):
        return [[(r["passage_id"], r["text"]) for r in map(json.loads, run(capsys, "search", q, "--json",
                                                                           "--data-dir", data)[1].splitlines())]
                for q in queries]

    before = results(tmp_path / "a")
    code, out, _ = run(capsys, "reindex", "--data-dir", tmp_path / "b")
    assert code == 0 and "added: 6" in out
    from bot.config import Settings
    from bot.runtime import open_index

    assert open_index(Settings(data_dir=tmp_path / "b")).missing_latent() == 0  # its second phase ran
    assert results(tmp_path / "b") == before
