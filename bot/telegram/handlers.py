"""Telegram handlers for readers: thin (parse, call one service, render, reply); registered in app.py."""

from __future__ import annotations

import asyncio
import logging
from contextlib import asynccontextmanager, suppress

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatAction, ChatType, MessageEntityType
from telegram.error import RetryAfter, TelegramError
from telegram.ext import ApplicationHandlerStop, ContextTypes

from retrieval.errors import StoreUnavailable
from retrieval.normalize import language_of

from ..errors import BadQuestion
from ..messages import t
from .. import timeline_picture
from . import render
from .replies import call, edit, page_buttons, retry_seconds, send, services, ui_language

log = logging.getLogger(__name__)


# -- commands ---------------------------------------------------------------------------------

async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Greet the user and explain what the bot does, in their language (/start, /help)."""
    await send(update.effective_message, render.esc(t("start", ui_language(update))))


async def ask(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer the question written after /ask (the way to ask in a group)."""
    message = update.effective_message
    text = message.text or ""
    entity = next((e for e in message.entities if e.type == MessageEntityType.BOT_COMMAND and e.offset == 0), None)
    question = text[entity.length:].strip() if entity else " ".join(context.args or [])
    if not question:
        await send(message, render.esc(t("ask_usage", ui_language(update))))
        return
    await answer_question(update, context, question)


async def question(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Treat a text message as a question: any in a private chat, in groups only when addressed."""
    message = update.effective_message
    text = message.text or ""
    if message.chat.type != ChatType.PRIVATE:
        addressed, text = _addressed(message, context.bot.username, context.bot.id)
        if not addressed:
            return
    await answer_question(update, context, text)


async def not_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Tell a private-chat user that stickers, photos and voice notes cannot be read."""
    await send(update.effective_message, render.esc(t("text_only", ui_language(update))))


async def sources(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Show the sources of the chat's last answer with their quoted passages."""
    last = services(context).conversation.last_sources(update.effective_chat.id)
    if last is None:
        await send(update.effective_message, render.esc(t("no_sources", ui_language(update))))
        return
    lang, items = last
    for source in items:
        await send(update.effective_message, render.passage_message(source, lang))


async def new(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Forget the conversation of this chat."""
    services(context).conversation.forget(update.effective_chat.id)
    await send(update.effective_message, render.esc(t("new_done", ui_language(update))))


TIMELINE_PAGE = 8  # events a message shows


async def timeline(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The events the articles speak of, in order, paged with buttons (/timeline [topic], and the buttons)."""
    conv, lang = services(context).conversation, ui_language(update)
    query = update.callback_query
    if query is not None:  # a page button: tl:<token>:<page>
        await call(query.answer)
        _, token, page = (query.data or "tl::0").split(":")
        topic = conv.timeline_topic(token)
        if topic is None:
            await send(query.message, render.esc(t("pending_gone", lang)))
            return
        page = int(page)
    else:
        topic = " ".join(context.args or []).strip()
        token, page = conv.timeline_token(topic), 0
    events = await asyncio.to_thread(conv.timeline, topic)
    if not events:
        await send(update.effective_message, render.esc(t("timeline_empty" if topic else "timeline_none", lang,
                                                           topic=topic)))
        return
    pages = (len(events) + TIMELINE_PAGE - 1) // TIMELINE_PAGE
    page = max(0, min(page, pages - 1))
    text = render.timeline_page(events[page * TIMELINE_PAGE:(page + 1) * TIMELINE_PAGE], lang, topic,
                                first=page * TIMELINE_PAGE + 1, total=len(events))
    markup = page_buttons(f"tl:{token}:", page, pages)
    if query is not None:
        await edit(query.message, text, markup)
        return
    try:  # the picture first: the sequence at a glance, then the pages to read
        png = await asyncio.to_thread(timeline_picture.render, picture_events(events),
                                      t("timeline_head", lang, topic=topic) if topic else t("timeline_head_all", lang))
        await call(update.effective_message.reply_photo, png)
    except TelegramError as exc:  # the pages still come
        log.warning("timeline picture not sent to chat %s: %s", update.effective_chat.id, exc)
    await send(update.effective_message, text, markup)


PICTURE_EVENTS = 24  # rows a picture can show legibly


def picture_events(events):
    """The events a picture shows: all of them, or the ones most articles tell, in order."""
    if len(events) <= PICTURE_EVENTS:
        return events
    keep = sorted(events, key=lambda e: -len(e.sources))[:PICTURE_EVENTS]
    return sorted(keep, key=lambda e: e.date)


async def about(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Say how many articles the archive holds and which dates they cover."""
    archive = await asyncio.to_thread(services(context).conversation.archive)
    text = t("about", ui_language(update), articles=archive.articles, passages=archive.passages,
             first=archive.first or "—", last=archive.last or "—")
    await send(update.effective_message, render.esc(text))


async def source_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Show the quoted passage behind a source button."""
    query = update.callback_query
    await call(query.answer)
    found = None
    try:
        _, answer_id, n = (query.data or "").split(":")
        found = services(context).conversation.source(query.message.chat.id, answer_id, int(n))
    except (ValueError, AttributeError):
        pass
    if found is None:
        await send(query.message, render.esc(t("source_gone", ui_language(update))))
        return
    lang, source = found
    await send(query.message, render.passage_message(source, lang))


# -- the way of one question ------------------------------------------------------------------

async def answer_question(update: Update, context: ContextTypes.DEFAULT_TYPE, text: str) -> None:
    svc = services(context)
    message, chat_id = update.effective_message, update.effective_chat.id
    user_id = update.effective_user.id if update.effective_user else chat_id
    # (a chat off TELEGRAM_ALLOWED_CHAT_IDS never gets here: allowed_chats_only stops it first)
    try:
        asking = svc.conversation.check(text)  # checked, and its language found, once
    except BadQuestion as exc:
        lang = exc.language if text.strip() else ui_language(update)
        await send(message, render.esc(t(exc.code, lang, n=len(text.strip()), max=svc.settings.max_question_chars)))
        return
    lang = asking.language
    if not svc.limiter.allow(user_id):
        await send(message, render.esc(t("rate_limited", lang, seconds=svc.limiter.retry_in(user_id))))
        return

    shown: list[Message] = []
    preview_broken = False

    async def on_text(partial: str) -> None:
        # One message, edited at most once per interval per chat (Telegram's flood limits). A
        # Telegram error here is Telegram's, never the LLM's: flood control pauses the preview,
        # another error is retried once, then the preview stops and the final answer still comes.
        nonlocal preview_broken
        if preview_broken or not svc.throttle.ready(chat_id):
            return
        html = render.preview(partial, lang)
        for attempt in (1, 2):
            try:
                if shown:
                    await edit(shown[0], html, flood_retries=0)
                else:
                    shown.append(await send(message, html, flood_retries=0))
                return
            except RetryAfter as exc:
                svc.throttle.hold(chat_id, retry_seconds(exc.retry_after))  # waited out by skipping previews
                return
            except TelegramError as exc:
                log.warning("Telegram refused the preview in chat %s (try %d): %s", chat_id, attempt, exc)
        preview_broken = True

    async with typing(context.bot, chat_id, svc.settings.typing_interval):
        asked = await svc.conversation.ask(chat_id, asking, on_text)
    answer, answer_id = asked.answer, asked.answer_id
    parts = render.answer_messages(answer)
    buttons = _source_buttons(answer_id, answer)
    for i, part in enumerate(parts):
        markup = buttons if i == len(parts) - 1 else None
        if i == 0 and shown:
            await svc.throttle.settle(chat_id)  # the final edit keeps to the previews' pace
            await final_edit(shown[0], message, part, markup)
        else:
            await send(message, part, markup)


@asynccontextmanager
async def typing(bot, chat_id: int, interval: float):
    """"typing…" shown, and renewed every `interval` seconds (Telegram shows it for about 5)."""
    async def renew() -> None:
        while True:
            try:
                await bot.send_chat_action(chat_id, ChatAction.TYPING)
            except TelegramError as exc:  # a hint only: never worth failing the answer for
                log.info("typing action not sent to chat %s: %s", chat_id, exc)
            await asyncio.sleep(interval)

    task = asyncio.create_task(renew())
    try:
        yield
    finally:
        task.cancel()
        with suppress(asyncio.CancelledError):
            await task


async def final_edit(shown: Message, message: Message, text: str, markup) -> None:
    """Turn the preview into the answer; retried once, else the answer comes as a new message."""
    for attempt in (1, 2):
        try:
            await edit(shown, text, markup)
            return
        except TelegramError as exc:
            log.warning("Telegram refused the final edit in chat %s (try %d): %s", message.chat_id, attempt, exc)
    await send(message, text, markup)


def _source_buttons(answer_id: str, answer) -> InlineKeyboardMarkup | None:
    if not answer.sources:
        return None
    buttons = [InlineKeyboardButton(f"[{s.n}] " + t("source_button", answer.language, n=s.n),
                                    callback_data=f"src:{answer_id}:{s.n}") for s in answer.sources]
    return InlineKeyboardMarkup([buttons[i:i + 3] for i in range(0, len(buttons), 3)])


def _addressed(message: Message, username: str | None, bot_id: int) -> tuple[bool, str]:
    """(is the bot addressed, the text without the mention) for a group message."""
    text = message.text or ""
    reply = message.reply_to_message
    if reply and reply.from_user and reply.from_user.id == bot_id:
        return True, text
    for entity in message.entities:
        mentioned = message.parse_entity(entity)
        if (entity.type == MessageEntityType.MENTION and username and mentioned.lower() == f"@{username.lower()}") or \
                (entity.type == MessageEntityType.TEXT_MENTION and entity.user and entity.user.id == bot_id):
            return True, (text[: entity.offset] + text[entity.offset + entity.length:]).strip()
    return False, text


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the failure with its context and send the user a short apology in their language."""
    err = context.error
    chat = getattr(update, "effective_chat", None)
    log.error("error while handling update %s in chat %s: %s", getattr(update, "update_id", "?"),
              getattr(chat, "id", "?"), err, exc_info=err)
    if not isinstance(update, Update) or update.effective_message is None:
        return
    text = update.effective_message.text or ""
    lang = language_of(text) if text.strip() and not text.startswith("/") else ui_language(update)
    key = "store_unavailable" if isinstance(err, StoreUnavailable) else "error"
    try:
        await send(update.effective_message, render.esc(t(key, lang)))
    except TelegramError:
        log.warning("could not send the apology to chat %s", getattr(chat, "id", "?"))


async def allowed_chats_only(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """With TELEGRAM_ALLOWED_CHAT_IDS set, nothing is handled elsewhere: not a question, not /about
    (article counts and dates), not an admin command. A command or a private message gets one
    refusal; group chatter and buttons get none."""
    allowed = services(context).settings.telegram_allowed_chat_ids
    chat = update.effective_chat
    if not allowed or chat is None or chat.id in allowed:
        return
    message = update.effective_message
    if update.callback_query is not None:
        await call(update.callback_query.answer)
    elif message is not None and (chat.type == ChatType.PRIVATE or (message.text or "").startswith("/")):
        text = message.text or ""
        lang = language_of(text) if text.strip() and not text.startswith("/") else ui_language(update)
        await send(message, render.esc(t("not_allowed", lang)))
    log.info("update from chat %s, which is not allowed, ignored", chat.id)
    raise ApplicationHandlerStop
