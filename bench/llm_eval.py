"""Answer or refuse with an LLM, measured without one.

Runs `talks eval FILE --llm URL` against a fake OpenAI-compatible server on 127.0.0.1 (the one the
tests use) that refuses every answer with the not-found marker. What is measured is therefore the
bot's side: the gate before the call and whether retrieval put the evidence into the prompt, not
an LLM's judgement ("evidence in the LLM's prompt" and "unanswerable sent to the LLM" in the
README's "With an LLM").

The rewrite/translation call is answered one of two ways:
- as written (default): the fake gives no translation, so an English or Russian question takes
  the cross-lingual path, as with an LLM whose translation call failed;
- translated: the fake returns the Arabic of the question from a table, a professional
  translation standing in for an LLM's (an upper bound):
    --translations bench/data/translations_ar.tsv   question<TAB>arabic, for the dev files
    --arabic-from xquad.ar.json                     XQuAD: the Arabic question of the same id

  python bench/llm_eval.py tests/data/decisions_places.jsonl --data-dir /tmp/d300 --json
  python bench/llm_eval.py tests/data/decisions_places.jsonl --translations bench/data/translations_ar.tsv --data-dir /tmp/d300
  python bench/llm_eval.py ../shared/eval/xquad-dev/xquad.ar.json --questions-from ../shared/eval/xquad-dev/xquad.en.json \\
      --hold-out 3 --arabic-from ../shared/eval/xquad-dev/xquad.ar.json --data-dir /tmp/xq

Every other option goes to `talks eval` unchanged.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

from common import ROOT  # noqa: F401  (puts the repository on sys.path)

from tests.fake_openai import FakeOpenAI

NOT_FOUND = "NOT_IN_CORPUS"
LAST = "Last question:"  # prompts/condense.txt ends with the reader's question after this


def translations_file(path: Path) -> dict[str, str]:
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            question, arabic = line.split("\t")
            table[question.strip()] = arabic.strip()
    return table


def squad_questions(path: Path) -> dict[str, str]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return {str(qa["id"]): qa["question"].strip(" -") for doc in data["data"] for para in doc["paragraphs"]
            for qa in para["qas"]}


def by_ids(arabic_file: Path, asked_file: Path) -> dict[str, str]:
    """XQuAD: each asked question -> the Arabic question with the same id."""
    arabic, asked = squad_questions(arabic_file), squad_questions(asked_file)
    return {asked[i]: arabic[i] for i in asked if i in arabic}


def reply(table: dict[str, str]):
    def answer(body: dict) -> dict:
        user = body["messages"][-1]["content"]
        if "<passage" in user:
            return {"content": NOT_FOUND}  # the answer call: refuse, whatever the passages say
        question = user.rsplit(LAST, 1)[-1].strip()
        arabic = table.get(question)
        if arabic is None:
            return {"content": NOT_FOUND}  # no usable rewrite: the question is searched as written
        return {"content": f"QUESTION: {question}\nARABIC: {arabic}"}
    return answer


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0], add_help=True)
    parser.add_argument("file")
    parser.add_argument("--translations", type=Path, help="question<TAB>arabic table for the translation call")
    parser.add_argument("--arabic-from", type=Path, help="XQuAD: translate each question to this file's question of the same id")
    args, rest = parser.parse_known_args()
    table: dict[str, str] = {}
    if args.translations:
        table.update(translations_file(args.translations))
    if args.arabic_from:
        asked = rest[rest.index("--questions-from") + 1] if "--questions-from" in rest else args.file
        table.update(by_ids(args.arabic_from, Path(asked)))
    fake = FakeOpenAI()
    fake.default = reply(table)
    talks = Path(sys.executable).with_name("talks")
    env = dict(os.environ, OPENAI_API_KEY="fake-key-for-127.0.0.1")
    try:
        return subprocess.call([str(talks), "eval", args.file, *rest, "--llm", fake.base_url], env=env)
    finally:
        fake.close()


if __name__ == "__main__":
    sys.exit(main())
