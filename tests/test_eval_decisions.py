"""`talks eval` measures answer/refuse decisions: dev files with answerable flags, SQuAD hold-out,
questions asked in another language, and the evidence reaching an LLM's prompt."""

import json
import shutil

import pytest

from bot.cli import main
from tests.conftest import DATA, SEED_CORPUS


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    root = tmp_path_factory.mktemp("eval")
    shutil.copytree(SEED_CORPUS, root / "corpus")
    return root


@pytest.fixture
def seeded_env(monkeypatch, seeded):
    """A data dir over a copy of the seed corpus (indexed by the first `talks` call)."""
    monkeypatch.setenv("CORPUS_DIR", str(seeded / "corpus"))
    monkeypatch.delenv("CHROMA_HOST", raising=False)
    monkeypatch.setenv("EMBEDDING_BACKEND", "local")
    return seeded / "data"

MINSK = "مينسك هي عاصمة بيلاروسيا وأكبر مدنها، وتقع على نهر سفيسلاتش ويسكنها نحو مليوني نسمة."
YEREVAN = "يريفان هي عاصمة أرمينيا، وتعد من أقدم المدن المأهولة في العالم، وتأسست عام 782 قبل الميلاد."
BAKU = "باكو هي عاصمة أذربيجان وأكبر مدن منطقة القوقاز، وتقع على ساحل بحر قزوين."


def squad(questions: dict[str, str]) -> dict:
    contexts = [(MINSK, "s1", "مينسك"), (YEREVAN, "s2", "يريفان"), (BAKU, "s3", "باكو")]
    return {"data": [{"title": "", "paragraphs": [
        {"context": c, "qas": [{"id": i, "question": questions[i], "answers": [{"text": a, "answer_start": 0}]}]}
        for c, i, a in contexts]}]}


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_dev_file_decisions_per_language_and_kind(seeded_env, capsys):
    data = seeded_env
    code, out, _ = run(capsys, "eval", DATA / "dev_decisions.jsonl", "--json", "--data-dir", data)
    assert code == 0
    report = json.loads(out)["decisions"]
    summary = report["summary"]
    assert summary["all"]["n"] == 16 and summary["all"]["unanswerable"] == 6
    assert {"lang:ar", "lang:en", "lang:ru", "kind:unanswerable", "kind:crosslingual"} <= set(summary)
    assert len(report["outcomes"]) == 16
    right = [o for o in report["outcomes"] if o["right"]]
    assert summary["all"]["right"] == round(len(right) / 16, 3)
    assert set(report["wrong"]) == {o["id"] for o in report["outcomes"] if not o["right"]}
    # Offline: of the answerable questions answered with quotations, those whose evidence is in
    # the first quotation (what a reader reads first).
    quoted = [o for o in report["outcomes"] if o["answerable"] and o["mode"] == "extractive"]
    assert quoted and all(o["first"] is None for o in report["outcomes"] if o not in quoted)
    assert summary["all"]["evidence_in_first_quote"] == round(sum(o["first"] for o in quoted) / len(quoted), 3)
    assert any(o["first"] for o in quoted)  # some answer leads with its evidence
    # Each outcome carries the decision's reasons; a refusal says what it fell short of.
    assert all(o["reasons"] for o in report["outcomes"])
    refused = [o for o in report["outcomes"] if o["mode"] == "not_found" and o["confidence"] > 0]
    assert refused and all(any("threshold" in r for r in o["reasons"]) for o in refused)


def test_squad_hold_out_and_questions_in_another_language(seeded_env, capsys, tmp_path):
    data = seeded_env
    ar = tmp_path / "ar.json"
    en = tmp_path / "en.json"
    ar.write_text(json.dumps(squad({"s1": "ما عاصمة بيلاروسيا؟", "s2": "ما عاصمة أرمينيا؟", "s3": "ما عاصمة أذربيجان؟"}),
                             ensure_ascii=False), encoding="utf-8")
    en.write_text(json.dumps(squad({"s1": "What is the capital of Belarus?", "s2": "What is the capital of Armenia?",
                                    "s3": "What is the capital of Azerbaijan?"})), encoding="utf-8")
    code, out, _ = run(capsys, "eval", ar, "--questions-from", en, "--hold-out", 3, "--json", "--data-dir", data)
    assert code == 0
    report = json.loads(out)
    assert report["hybrid"]["all"]["n"] == 2  # the third context is held out: not scored for retrieval
    outcomes = {o["id"]: o for o in report["decisions"]["outcomes"]}
    assert outcomes["s3"]["answerable"] is False and outcomes["s1"]["answerable"] is True
    assert {o["language"] for o in outcomes.values()} == {"en"}  # the English questions were asked
    code, out, _ = run(capsys, "eval", ar, "--hold-out", 3, "--data-dir", data)
    assert code == 0 and "answer or refuse" in out and "kind:held_out" in out


def test_eval_bad_options(seeded_env, capsys, monkeypatch):
    data = seeded_env
    code, _, err = run(capsys, "eval", DATA / "dev_qa.jsonl", "--hold-out", 3, "--data-dir", data)
    assert code == 2 and "SQuAD" in err
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    code, _, err = run(capsys, "eval", DATA / "dev_decisions.jsonl", "--llm", "--data-dir", data)
    assert code == 2 and "--llm" in err


def test_eval_with_an_llm_reports_the_evidence_reaching_its_prompt(seeded_env, capsys, fake_openai):
    data = seeded_env
    def reply(body):
        prompt = body["messages"][-1]["content"]
        if "<passage" in prompt:
            return {"content": "NOT_IN_CORPUS"}
        question = prompt.rsplit("Last question:", 1)[-1].strip()
        return {"content": f"QUESTION: {question}\nARABIC: {question}"}  # a fake cannot translate

    fake_openai.default = reply
    code, out, _ = run(capsys, "eval", DATA / "dev_decisions.jsonl", "--llm", fake_openai.base_url, "--json",
                       "--data-dir", data)
    assert code == 0
    summary = json.loads(out)["decisions"]["summary"]["all"]
    # the fake refuses everything: every answerable question is wrong, but its evidence was in the prompt
    assert summary["answerable_answered"] == 0.0
    assert summary["evidence_in_prompt"] >= 0.8
    prompts = [r["body"]["messages"][-1]["content"] for r in fake_openai.chat_requests()]
    assert any("<passage" in p for p in prompts)
