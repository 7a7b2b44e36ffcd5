"""Admin handlers: grow and prune the corpus from the chat (/add, files, /remove, /list, ...)."""

from __future__ import annotations

import asyncio
import functools
import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatType, MessageEntityType
from telegram.ext import ContextTypes

from retrieval.errors import LoadError
from retrieval.ingest import Report
from retrieval.loaders import MAX_FILE_BYTES

from ..corpus_admin import URL_ONLY, CorpusAdmin
from ..messages import reason, t
from . import render
from .replies import call, edit, page_buttons, send, services, ui_language

log = logging.getLogger(__name__)
PAGE = 10


def admin(context: ContextTypes.DEFAULT_TYPE) -> CorpusAdmin:
    return context.application.bot_data["admin"]


def _who(update: Update) -> str:
    user = update.effective_user
    return f"{user.id} @{user.username}" if user and user.username else str(user.id if user else "?")


def admin_only(handler):
    """The admin check, once: anyone else gets a refusal (an alert on a button) and nothing runs."""
    @functools.wraps(handler)
    async def checked(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        user = update.effective_user
        if user and user.id in services(context).settings.telegram_admin_ids:
            return await handler(update, context)
        if update.callback_query:
            await call(update.callback_query.answer, t("admin_only", ui_language(update)), show_alert=True)
        else:
            await send(update.effective_message, render.esc(t("admin_only", ui_language(update))))
    return checked


# -- adding -----------------------------------------------------------------------------------

@admin_only
async def add(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Add the text or link after /add, or the message /add replies to, as an article."""
    message, lang = update.effective_message, ui_language(update)
    text = message.text or ""
    entity = next((e for e in message.entities if e.type == MessageEntityType.BOT_COMMAND and e.offset == 0), None)
    body = text[entity.length:].strip() if entity else ""
    if not body and message.reply_to_message:
        body = (message.reply_to_message.text or message.reply_to_message.caption or "").strip()
    if not body:
        await send(message, render.esc(t("add_usage", lang)))
        return
    status = await send(message, render.esc(t("working", lang)))
    context.application.create_task(_add_from_text(update, context, body, status), update=update)


async def _add_from_text(update: Update, context: ContextTypes.DEFAULT_TYPE, body: str, status: Message) -> None:
    lang, svc = ui_language(update), admin(context)
    try:
        if URL_ONLY.match(body):
            url = body.strip() if "://" in body else "https://" + body.strip()
            articles = [await asyncio.to_thread(svc.article_from_url, url)]
        else:
            articles = [svc.article_from_text(body)]
    except LoadError as exc:
        await edit(status, render.esc(t("refused", lang, reason=reason(exc, lang))))
        return
    await _ingest(update, context, articles, status)


async def document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Add the articles of an uploaded file (.txt .md .html .pdf .docx .jsonl); in groups, only with an /add caption."""
    message = update.effective_message
    if update.effective_user.id not in services(context).settings.telegram_admin_ids:
        if message.chat.type == ChatType.PRIVATE:  # in groups, other people's files are not ours
            await send(message, render.esc(t("admin_only", ui_language(update))))
        return
    caption = (message.caption or "").strip()
    if message.chat.type != ChatType.PRIVATE and not caption.startswith("/add"):
        return  # a file shared in a group for discussion is not an upload
    lang, doc = ui_language(update), message.document
    if doc.file_size and doc.file_size > MAX_FILE_BYTES:
        await send(message, render.esc(t("file_too_big", lang, mb=doc.file_size / 1e6)))
        return
    status = await send(message, render.esc(t("working", lang)))
    context.application.create_task(_add_from_file(update, context, doc, status), update=update)


async def _add_from_file(update: Update, context: ContextTypes.DEFAULT_TYPE, doc, status: Message) -> None:
    lang = ui_language(update)
    try:
        tg_file = await call(context.bot.get_file, doc.file_id)
        data = bytes(await tg_file.download_as_bytearray())
        loaded = await asyncio.to_thread(admin(context).articles_from_file, doc.file_name or "upload.txt", data)
    except LoadError as exc:
        await edit(status, render.esc(t("refused", lang, reason=reason(exc, lang))))
        return
    if not loaded.articles:
        reasons = "; ".join(f"{w}: {r}" for w, r in loaded.errors[:5]) or t("no_articles", lang)
        await edit(status, render.esc(t("refused", lang, reason=reasons)))
        return
    await _ingest(update, context, loaded.articles, status, failed=loaded.errors)


async def _ingest(update, context, articles, status: Message, failed=None) -> None:
    lang, chat_id = ui_language(update), update.effective_chat.id
    on_progress = _progress_editor(context, status, lang, chat_id)
    added = await services(context).conversation.add(articles, _who(update), on_progress, failed=failed)
    await _report(update, context, added, articles, status)


async def _report(update, context, added, articles, status: Message) -> None:
    """The report into the status message (and more messages when long), with add-anyway buttons."""
    lang, chat_id = ui_language(update), update.effective_chat.id
    buttons = [[InlineKeyboardButton(f"{t('add_anyway', lang)}: {aid[:24]}", callback_data=f"nd:{token}")]
               for aid, token in added.held.items()]
    await services(context).throttle.settle(chat_id)
    first, *rest = report_html(added.report, articles, lang)
    await edit(status, first, None if rest or not buttons else InlineKeyboardMarkup(buttons))
    for i, part in enumerate(rest):
        await send(update.effective_message, part, InlineKeyboardMarkup(buttons) if buttons and i == len(rest) - 1 else None)


def _progress_editor(context, status: Message, lang: str, chat_id: int):
    """Progress of a multi-article job, edited into the status message at the chat's pace."""
    throttle = services(context).throttle

    async def on_progress(done: int, total: int) -> None:
        if total > 1 and throttle.ready(chat_id):
            await edit(status, render.esc(t("progress", lang, done=done, total=total)))

    return on_progress


REPORT_LINES = 20  # per kind of line; the rest is counted, never dropped in silence


def report_html(report: Report, articles, lang: str) -> list[str]:
    """The report as messages (as many as it takes)."""
    titles = {a.id: a.title for a in articles}
    lines = [t("report", lang, added=len(report.added), updated=len(report.updated), unchanged=len(report.unchanged),
               duplicates=len(report.duplicates), near=len(report.near_duplicates), failed=len(report.failed))]

    def some(kind: list[str]) -> list[str]:
        more = len(kind) - REPORT_LINES
        return kind[:REPORT_LINES] + ([t("report_more", lang, n=more)] if more > 0 else [])

    lines += some([t("report_added", lang, id=i, title=titles.get(i, "")) for i in report.added + report.updated])
    lines += some([t("report_duplicate", lang, of=old) for _, old in report.duplicates])
    lines += some([t("report_near", lang, sim=sim, of=old) for _, old, sim in report.near_duplicates])
    lines += some([t("report_failed", lang, item=item, reason=why) for item, why in report.failed])
    lines += some([t("report_note", lang, id=i, note=note) for i, note in report.notes])
    return render.pack([render.esc(x) for x in lines])


@admin_only
async def add_anyway(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Add a held near-duplicate after the admin confirmed it."""
    query, lang = update.callback_query, ui_language(update)
    await call(query.answer)
    status = await send(query.message, render.esc(t("working", lang)))
    on_progress = _progress_editor(context, status, lang, update.effective_chat.id)
    token = (query.data or "").split(":", 1)[-1]
    added = await services(context).conversation.confirm_held(token, _who(update), on_progress)
    if added is None:
        await edit(status, render.esc(t("pending_gone", lang)))
        return
    await _report(update, context, added, [], status)


# -- removing, listing, the rest ----------------------------------------------------------------

@admin_only
async def remove(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Ask to confirm removing the article named after /remove."""
    lang, message = ui_language(update), update.effective_message
    if not context.args:
        await send(message, render.esc(t("remove_usage", lang)))
        return
    article_id = context.args[0]
    asked = services(context).conversation.ask_removal(article_id)
    if asked is None:
        await send(message, render.esc(t("no_article", lang, id=article_id)))
        return
    # Ids can be 64 characters; callback data is limited to 64 bytes, so the button carries a token.
    token, row = asked
    buttons = InlineKeyboardMarkup([[InlineKeyboardButton(t("yes_remove", lang), callback_data=f"rm:y:{token}"),
                                     InlineKeyboardButton(t("cancel", lang), callback_data="rm:n")]])
    await send(message, render.esc(t("remove_confirm", lang, id=article_id, title=row.title)), buttons)


@admin_only
async def remove_confirmed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Remove the article once the admin pressed the confirm button."""
    query, lang = update.callback_query, ui_language(update)
    await call(query.answer)
    parts = (query.data or "").split(":", 2)
    if parts[1] != "y":
        await edit(query.message, render.esc(t("cancelled", lang)))
        return
    removed = await services(context).conversation.confirm_removal(parts[2], _who(update))
    if removed is None:
        await send(query.message, render.esc(t("pending_gone", lang)))
        return
    article_id, done = removed
    key = "removed" if done else "no_article"
    await edit(query.message, render.esc(t(key, lang, id=article_id)))


@admin_only
async def list_articles(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """List the articles, a page at a time, with buttons to turn pages (/list, and the buttons)."""
    lang = ui_language(update)
    page = 0
    if update.callback_query:
        await call(update.callback_query.answer)
        page = int((update.callback_query.data or "ls:0").split(":")[1])
    rows = await asyncio.to_thread(services(context).conversation.articles)
    if not rows:
        await send(update.effective_message, render.esc(t("empty_corpus", lang)))
        return
    pages = (len(rows) + PAGE - 1) // PAGE
    page = max(0, min(page, pages - 1))
    chunk = rows[page * PAGE:(page + 1) * PAGE]
    lines = [render.esc(t("list_page", lang, first=page * PAGE + 1, last=page * PAGE + len(chunk), total=len(rows)))]
    for r in chunk:
        meta = " · ".join(render.esc(x) for x in (r.date, r.source) if x)
        lines.append(f"<code>{render.esc(r.id)}</code> — {render.esc(r.title)}" + (f" — {meta}" if meta else "")
                     + f" ({r.n_passages})")
    markup = page_buttons("ls:", page, pages)
    text = render.pack(lines)[0]
    if update.callback_query:
        await edit(update.callback_query.message, text, markup)
    else:
        await send(update.effective_message, text, markup)


@admin_only
async def stats(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Counts of articles and passages, the dates covered and the outlets."""
    archive = await asyncio.to_thread(services(context).conversation.archive)
    text = t("stats", ui_language(update), articles=archive.articles, passages=archive.passages,
             first=archive.first or "—", last=archive.last or "—",
             sources=", ".join(f"{s} ({n})" for s, n in archive.sources[:8]) or "—")
    await send(update.effective_message, render.esc(text))


@admin_only
async def reindex(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Rebuild the index from the corpus folder in the background, reporting into one message."""
    lang, chat_id = ui_language(update), update.effective_chat.id
    status = await send(update.effective_message, render.esc(t("working", lang)))

    async def job() -> None:
        report = await admin(context).reindex(_who(update), _progress_editor(context, status, lang, chat_id))
        await services(context).throttle.settle(chat_id)
        first, *rest = report_html(report, [], lang)
        await edit(status, first + (f"\n{render.esc(t('report_removed', lang, ids=', '.join(report.removed)))}"
                                    if report.removed else ""))
        for part in rest:
            await send(update.effective_message, part)

    context.application.create_task(job(), update=update)


@admin_only
async def audit_log(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The latest corpus changes: who, what, when."""
    entries = services(context).conversation.log(15)
    if not entries:
        await send(update.effective_message, render.esc(t("log_empty", ui_language(update))))
        return
    lines = []
    for e in reversed(entries):
        what = e.get("article_id") or e.get("item") or ""
        extra = e.get("title") or e.get("reason") or e.get("duplicate_of") or e.get("near_duplicate_of") or ""
        lines.append(render.esc(f"{e['time']} · {e['who']} · {e['action']} {what} {extra}".strip()))
    await send(update.effective_message, render.pack(lines)[0])
