"""bench/llm_eval.py's fake LLM reads the bot's real prompts: a change to prompts/condense.txt
must not silently turn the "translated" measurement into "as written"."""

import json
import sys
from pathlib import Path

import prompts
from bot.answer import _parse_rewrite

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from llm_eval import NOT_FOUND, reply, translations_file  # noqa: E402

BENCH = Path(__file__).resolve().parents[1] / "bench"


def _chat(user: str) -> dict:
    return {"messages": [{"role": "system", "content": "..."}, {"role": "user", "content": user}]}


def test_the_translation_call_is_answered_from_the_table():
    answer = reply({"Who met in Brussels on 14 May?": "من التقى في بروكسل في 14 مايو؟"})
    user = prompts.render("condense", history="(none)", question="Who met in Brussels on 14 May?")
    content = answer(_chat(user))["content"]
    assert _parse_rewrite(content, "Who met in Brussels on 14 May?") == (
        "Who met in Brussels on 14 May?", "من التقى في بروكسل في 14 مايو؟")


def test_a_question_without_translation_and_every_answer_call_get_the_marker():
    answer = reply({})
    assert answer(_chat(prompts.render("condense", history="(none)", question="Lavrov?")))["content"] == NOT_FOUND
    assert answer(_chat('<passage key="ref-1a2b">...</passage>\nQuestion: Lavrov?'))["content"] == NOT_FOUND


def test_the_translation_table_covers_every_non_arabic_dev_question():
    table = translations_file(BENCH / "data" / "translations_ar.tsv")
    data = Path(__file__).resolve().parent / "data"
    files = sorted(data.glob("decisions_*.jsonl")) + [data / "dev_qa.jsonl", data / "dev_decisions.jsonl"]
    asked = [json.loads(line) for f in files for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    foreign = [q["question"] for q in asked if not any("\u0600" <= c <= "\u06ff" for c in q["question"])]
    assert foreign and [q for q in foreign if q not in table] == []
    assert all(any("\u0600" <= c <= "\u06ff" for c in arabic) for arabic in table.values())
