"""The `talks` command: bot, ask, chat, ingest, confirm, search, timeline, list, remove, log, reindex, eval.

Exit codes: 0 done; 1 done, but some inputs failed (reported); 2 bad usage or input;
3 the store or another service is unreachable.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
import tempfile
from pathlib import Path

from retrieval.errors import LoadError, StoreUnavailable, TalksError
from retrieval.ingest import Report, ingest, sync
from retrieval.loaders import is_url, load_corpus, load_paths, load_url
from retrieval.search import Filters, hybrid
from retrieval.timeline import BadDate, check_range, timeline

from .config import Settings
from .cli_common import (EXIT_OK, EXIT_PARTIAL, EXIT_UNAVAILABLE, EXIT_USAGE, conversation, fill_latent,
                         progress_bar, ready_index, run_settled, who)
from .runtime import open_index



def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_USAGE
    settings = Settings()
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if getattr(args, "data_dir", None):
        settings.data_dir = Path(args.data_dir)
    try:
        return args.func(args, settings) or EXIT_OK
    except StoreUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_UNAVAILABLE
    except TalksError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("interrupted; run the same command again to finish", file=sys.stderr)
        return 130


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="talks", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(title="commands")

    def command(name: str, func, help_: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=help_)
        p.add_argument("--data-dir", help="index and state directory (default: DATA_DIR)")
        p.add_argument("-v", "--verbose", action="store_true", help="log what happens")
        p.set_defaults(func=func)
        return p

    def latent_later(p: argparse.ArgumentParser) -> None:
        p.add_argument("--latent-later", action="store_true",
                       help="end when the articles are searchable; their latent terms (for English and Russian "
                            "questions) are then filled in by the bot in the background when it starts")

    p = command("ingest", cmd_ingest, "index files, folders, .jsonl files of articles and web pages (URLs)")
    p.add_argument("paths", nargs="+", help="files, folders, or http(s) links")
    p.add_argument("--no-save", action="store_true",
                   help="index only; do not write the articles to the corpus folder (e.g. distractors)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--hold-near", action="store_true",
                   help="as the bot does: hold a near duplicate of an indexed article until `talks confirm TOKEN`")
    latent_later(p)

    p = command("confirm", cmd_confirm, "add a near duplicate that `talks ingest --hold-near` held")
    p.add_argument("token")
    p.add_argument("--json", action="store_true", help="print the report as JSON")

    p = command("search", cmd_search, "ranked passages for a question")
    p.add_argument("question", nargs="?")
    p.add_argument("--k", type=int, default=None, help="how many passages (default 5, 10 with --batch)")
    p.add_argument("--json", action="store_true", help="one JSON object per passage")
    p.add_argument("--batch", type=Path, help='JSONL file of {"id", "question"}; prints {"id", "results"} lines')
    p.add_argument("--mode", choices=["hybrid", "dense", "lexical"], default="hybrid")
    p.add_argument("--from", dest="date_from", help="only articles on or after this date (YYYY-MM-DD)")
    p.add_argument("--to", dest="date_to", help="only articles on or before this date (YYYY-MM-DD)")
    p.add_argument("--source", help="only articles from this outlet")

    p = command("list", cmd_list, "the indexed articles")
    p.add_argument("--json", action="store_true")

    p = command("remove", cmd_remove, "remove an article from the index and the corpus folder")
    p.add_argument("article_id")

    p = command("timeline", cmd_timeline, "the talks' events in the order they happened, with their sources")
    p.add_argument("topic", nargs="?", default="", help="only events of passages about this (default: the whole corpus)")
    p.add_argument("--from", dest="date_from", default="", help="from this date: 2021, 2021-05 or 2021-05-14")
    p.add_argument("--to", dest="date_to", default="", help="up to this date, the same forms")
    p.add_argument("--json", action="store_true", help='one {"date", "text", "sources"} object per event')

    p = command("log", cmd_log, "the latest corpus changes from the audit log: who, what, when")
    p.add_argument("--n", type=int, default=15)
    p.add_argument("--json", action="store_true", help="one JSON object per change")

    p = command("reindex", cmd_reindex, "rebuild the index from the corpus folder")
    p.add_argument("--force", action="store_true", help="re-chunk every article even if unchanged")
    latent_later(p)

    p = command("eval", cmd_eval, "retrieval and answer/refuse quality on a dev_qa JSONL or SQuAD JSON file")
    p.add_argument("file", type=Path)
    p.add_argument("--k", type=int, default=5)
    p.add_argument("--json", action="store_true")
    p.add_argument("--questions-from", type=Path, metavar="OTHER.json",
                   help="SQuAD/XQuAD: ask the questions of OTHER.json (same ids, another language)")
    p.add_argument("--hold-out", type=int, default=0, metavar="N",
                   help="SQuAD/XQuAD: leave every N-th context out; its questions must be refused")
    p.add_argument("--llm", nargs="?", const="configured", metavar="BASE_URL",
                   help="answer with the configured LLM (or the OpenAI-compatible BASE_URL) and "
                        "report how often the evidence reaches its prompt")
    p.add_argument("--retrieval-only", action="store_true", help="skip the answer/refuse evaluation")

    _add_answer_commands(command)
    return parser


def _add_answer_commands(command) -> None:
    """ask, chat and bot live with the answering layer; absent until it is importable."""
    try:
        from . import cli_answer
    except ImportError:
        return
    cli_answer.register(command)


# -- helpers -------------------------------------------------------------------------------

def _print_report(report: Report, as_json: bool) -> int:
    if as_json:
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        print(f"added: {len(report.added)}  updated: {len(report.updated)}  unchanged: {len(report.unchanged)}  "
              f"duplicates: {len(report.duplicates)}  failed: {len(report.failed)}"
              + (f"  removed: {len(report.removed)}" if report.removed else ""))
        for new, old in report.duplicates:
            print(f"  duplicate: {new} has the same text as {old}")
        for item, why in report.failed:
            print(f"  failed: {item}: {why}")
        for item, note in report.notes:
            print(f"  note: {item}: {note}")
    return EXIT_PARTIAL if report.failed else EXIT_OK


# -- commands ------------------------------------------------------------------------------

def cmd_ingest(args, settings: Settings) -> int:
    urls = [p for p in args.paths if is_url(p)]
    loaded = load_paths([Path(p) for p in args.paths if not is_url(p)])
    for url in urls:
        try:
            loaded.articles.append(load_url(url, allowlist=settings.url_allowlist, timeout=settings.url_fetch_timeout,
                                            max_bytes=settings.url_max_bytes))
        except LoadError as exc:
            loaded.errors.append((url, str(exc)))
    # A first ingest into a new data dir brings the corpus along; latent terms come at the end.
    index = ready_index(settings, latent=False)
    if args.hold_near:
        if args.no_save:
            print("error: --hold-near adds to the corpus folder as the bot does; it cannot go with --no-save",
                  file=sys.stderr)
            return EXIT_USAGE
        conv = conversation(settings, index, llm=None)
        added = run_settled(conv, conv.add(loaded.articles, who(), failed=loaded.errors))
        return _print_added(added, args.json)
    update, close = progress_bar(len(loaded.articles), "ingesting")
    report = Report(failed=list(loaded.errors))
    # Two phases: every article is committed searchable first (vectors and words, today's cost);
    # the latent terms, a second pass of the model as long as the first, come after, so an
    # interruption then loses nothing a question needs and the bot completes them.
    try:
        ingest(index, loaded.articles, corpus_dir=None if args.no_save else settings.corpus_dir,
               progress=update, report=report, latent=False)
    finally:
        close()
    return _latent_phase(index, report, args.latent_later, args.json)


def _latent_phase(index, report: Report, later: bool, as_json: bool) -> int:
    """The second phase of `talks ingest` and `talks reindex`: the latent terms of what the first
    committed searchable, unless left to the bot (--latent-later); then the report."""
    if not later:
        try:
            fill_latent(index)
        except KeyboardInterrupt:
            print("interrupted while computing latent terms: the articles are searchable; the bot fills in "
                  "the rest when it starts, or run the same command again", file=sys.stderr)
            _print_report(report, as_json)
            return 130
    return _print_report(report, as_json)


def cmd_confirm(args, settings: Settings) -> int:
    conv = conversation(settings, ready_index(settings), llm=None)
    added = run_settled(conv, conv.confirm_held(args.token, who()))
    if added is None:
        print(f"error: nothing held under {args.token!r} (already added, or older than a day)", file=sys.stderr)
        return EXIT_USAGE
    return _print_added(added, args.json)


def _print_added(added, as_json: bool) -> int:
    if as_json:
        print(json.dumps(added.report.as_dict() | {"held": added.held}, ensure_ascii=False, indent=2))
        return EXIT_PARTIAL if added.report.failed else EXIT_OK
    code = _print_report(added.report, False)
    for new, old, sim in added.report.near_duplicates:
        print(f"  held: {new} is {sim:.0%} like {old}; to add it anyway: talks confirm {added.held[new]}")
    return code


def passage_json(hit) -> dict:
    return {"article_id": hit.article_id, "passage_id": hit.passage_id, "score": round(hit.score, 6),
            "title": hit.title, "date": hit.date, "source": hit.source, "url": hit.url, "text": hit.text,
            "start": hit.start, "end": hit.end}


def cmd_search(args, settings: Settings) -> int:
    if not args.batch and not (args.question or "").strip():
        print("error: give a question, or --batch FILE.jsonl", file=sys.stderr)
        return EXIT_USAGE
    filters = Filters(args.date_from, args.date_to, args.source)
    index = ready_index(settings)
    if args.batch:
        return _search_batch(index, args, filters)
    hits = hybrid(index, args.question, args.k or 5, filters, mode=args.mode)
    for rank, hit in enumerate(hits, 1):
        if args.json:
            print(json.dumps(passage_json(hit), ensure_ascii=False))
        else:
            meta = " · ".join(x for x in (hit.title, hit.source, hit.date) if x)
            print(f"{rank}. [{hit.passage_id}] {hit.score:.3f}  {meta}\n   {hit.text}\n")
    if not hits and not args.json:
        print("no passages found")
    return EXIT_OK


def _search_batch(index, args, filters: Filters) -> int:
    status = EXIT_OK
    try:
        lines = args.batch.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        print(f"error: cannot read {args.batch}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            qid, question = row["id"], row["question"]
            if not isinstance(question, str):
                raise TypeError
        except (json.JSONDecodeError, KeyError, TypeError):
            print(f"error: {args.batch}:{lineno}: expected {{\"id\", \"question\"}}", file=sys.stderr)
            status = EXIT_PARTIAL
            continue
        hits = hybrid(index, question, args.k or 10, filters, mode=args.mode)
        print(json.dumps({"id": qid, "results": [passage_json(h) for h in hits]}, ensure_ascii=False), flush=True)
    return status


def cmd_list(args, settings: Settings) -> int:
    index = ready_index(settings)
    rows = index.catalog.articles()
    for row in rows:
        item = {"id": row.id, "title": row.title, "date": row.date, "source": row.source, "url": row.url,
                "passages": row.n_passages}
        if args.json:
            print(json.dumps(item, ensure_ascii=False))
        else:
            print(f"{row.id}  {row.date or '----------'}  {row.source or '-':<12} {row.n_passages:>3}p  {row.title}")
    if not args.json:
        print(f"{len(rows)} articles, {index.catalog.count_passages()} passages")
    return EXIT_OK


def cmd_timeline(args, settings: Settings) -> int:
    try:
        check_range(args.date_from, args.date_to)
    except BadDate as exc:
        print(f"error: {TIMELINE_ERRORS[exc.code].format(value=exc.value)}", file=sys.stderr)
        return EXIT_USAGE
    events = timeline(ready_index(settings), args.topic, args.date_from, args.date_to)
    for e in events:
        if args.json:
            print(json.dumps(e.as_dict(), ensure_ascii=False))
        else:
            cites = "; ".join(f"{s['title'] or s['article_id']} ({s['date']})" for s in e.sources)
            print(f"{e.date:<10}  {e.text}\n            — {cites}")
    if not events:
        print(f"no dated events{' about ' + repr(args.topic) if args.topic else ''}"
              f"{' in that range' if args.date_from or args.date_to else ''}", file=sys.stderr)
    return EXIT_OK


TIMELINE_ERRORS = {
    "bad_date": "{value!r} is not a date: write 2021, 2021-05 or 2021-05-14",
    "impossible_date": "{value} is not a day of the calendar",
    "backwards": "the range is backwards ({value}): --from must not come after --to",
}


def cmd_log(args, settings: Settings) -> int:
    conv = conversation(settings, open_index(settings), llm=None)
    for e in reversed(conv.log(args.n)):
        if args.json:
            print(json.dumps(e, ensure_ascii=False))
        else:
            what = e.get("article_id") or e.get("item") or ""
            print(f"{e['time']}  {e['who']}  {e['action']} {what} {e.get('title') or e.get('reason') or ''}".rstrip())
    return EXIT_OK


def cmd_remove(args, settings: Settings) -> int:
    conv = conversation(settings, open_index(settings), llm=None)
    # Through the service: the removal is in the audit log as the bot's are.
    if not asyncio.run(conv.corpus.remove(args.article_id, who())):
        print(f"error: no article with id {args.article_id!r} (see `talks list`)", file=sys.stderr)
        return EXIT_USAGE
    print(f"removed {args.article_id}")
    return EXIT_OK


def cmd_reindex(args, settings: Settings) -> int:
    loaded = load_corpus(settings.corpus_dir)
    index = open_index(settings)
    update, close = progress_bar(len(loaded.articles), "reindexing")
    try:
        report = sync(index, loaded.articles, progress=update, force=args.force, latent=False)
    finally:
        close()
    index.ensure_dates()  # an index built before dates were recorded gets them (catalog and Chroma)
    report.failed[:0] = loaded.errors
    return _latent_phase(index, report, args.latent_later, False)


def cmd_eval(args, settings: Settings) -> int:
    from retrieval import evaluate as ev

    for path in (args.file, args.questions_from):
        if path is not None and not path.exists():
            print(f"error: no such file {path}", file=sys.stderr)
            return EXIT_USAGE
    squad = ev.is_squad(args.file)
    if (args.questions_from or args.hold_out) and not squad:
        print("error: --questions-from and --hold-out apply to SQuAD/XQuAD files", file=sys.stderr)
        return EXIT_USAGE
    llm = None
    if args.llm:
        llm = _eval_llm(args.llm, settings)
        if llm is None:
            print("error: --llm needs an LLM: set OPENAI_API_KEY / OPENAI_BASE_URL or give --llm BASE_URL",
                  file=sys.stderr)
            return EXIT_USAGE
    tmp = None
    if squad:
        articles, questions, unanswerable = ev.load_squad(args.file, args.questions_from, args.hold_out)
        tmp = tempfile.TemporaryDirectory(prefix="talks-eval-")
        # Share the embedding cache so a second evaluation of the same file is quick.
        from .runtime import make_embedder

        embedder = make_embedder(settings)
        index = open_index(settings.model_copy(update={"chroma_host": None}), Path(tmp.name), embedder)
        update, close = progress_bar(len(articles), "indexing contexts")
        try:
            ingest(index, articles, progress=update)
        finally:
            close()
        decisions = not args.retrieval_only
    else:
        questions, unanswerable = ev.load_dev_qa(args.file)
        index = ready_index(settings)
        decisions = not args.retrieval_only and ev.has_decisions(args.file)
    results = ev.evaluate(lambda q, depth, mode: hybrid(index, q, depth, mode=mode), questions, args.k)
    report = None
    if decisions:
        from .evaluate import evaluate_decisions
        from .runtime import make_answerer

        report = evaluate_decisions(make_answerer(settings, index, llm=llm), questions, unanswerable)
    if args.json:
        out = dict(results)
        if report is not None:
            out["decisions"] = report.as_dict()
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"{len(questions)} answerable questions, k={args.k}" +
          (f" ({len(unanswerable)} unanswerable ones are not scored for retrieval)" if unanswerable else ""))
    print(f"{'mode':<8} {'kind':<14} {'n':>4} {'hit@1':>6} {'hit@' + str(args.k):>6} {'mrr@10':>7}")
    for mode, per_kind in results.items():
        for kind, s in per_kind.items():
            print(f"{mode:<8} {kind:<14} {s['n']:>4} {s['hit@1']:>6.3f} {s[f'hit@{args.k}']:>6.3f} {s['mrr@10']:>7.3f}")
    misses = results["hybrid"]["all"]["misses"]
    print(f"hybrid misses ({len(misses)}): {' '.join(misses) if misses else '-'}")
    if report is not None:
        _print_decisions(report)
    return EXIT_OK


def _eval_llm(value: str, settings: Settings):
    from .llm import OpenAIChat

    if value == "configured":
        return OpenAIChat.from_settings(settings) if settings.llm_configured else None
    return OpenAIChat(settings.llm_model, value, settings.openai_api_key, settings.llm_timeout,
                      settings.llm_max_retries, settings.llm_temperature)


def _print_decisions(report) -> None:
    mode = "with an LLM" if report.with_llm else "offline (extractive)"
    print(f"\nanswer or refuse, {mode}: right = answerable answered from a cited passage holding the "
          "evidence, or unanswerable refused")
    header = f"{'group':<18} {'n':>4} {'right':>6} {'answered':>9} {'refused':>8}"
    if report.with_llm:
        header += f" {'in prompt':>10} {'unans. sent':>12}"
    print(header)
    summary = report.summary()
    for group, s in summary.items():
        cells = [s["right"], s["answerable_answered"], s["unanswerable_refused"]]
        if report.with_llm:
            cells += [s["evidence_in_prompt"], s["unanswerable_sent_to_llm"]]
        widths = [6, 9, 8, 10, 12]
        print(f"{group:<18} {s['n']:>4} " + " ".join(f"{'-' if c is None else f'{c:.3f}':>{w}}"
                                                       for c, w in zip(cells, widths)))
    first = summary.get("all", {}).get("evidence_in_first_quote")
    if first is not None:
        print(f"answerable questions answered with quotations: evidence in the first quotation {first:.3f}")
    wrong = report.wrong()
    print(f"wrong ({len(wrong)}): {' '.join(wrong[:60]) if wrong else '-'}" + (" …" if len(wrong) > 60 else ""))


if __name__ == "__main__":
    sys.exit(main())
