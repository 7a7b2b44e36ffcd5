"""Talking back to Telegram: the services a handler reaches, flood-aware send and edit, the
user's language. Shared by the question handlers and the admin handlers (no handler module
imports another)."""

from __future__ import annotations

import asyncio
import datetime as dtm
import logging
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, RetryAfter
from telegram.ext import ContextTypes

from ..config import Settings
from ..conversation import Conversation
from ..messages import user_language
from .limits import RateLimiter, Throttle

log = logging.getLogger(__name__)
RETRIES_ON_FLOOD = 3


@dataclass
class Services:
    conversation: Conversation  # what a conversation is (bot/conversation.py); handlers only translate
    settings: Settings
    limiter: RateLimiter
    throttle: Throttle


def services(context: ContextTypes.DEFAULT_TYPE) -> Services:
    return context.application.bot_data["services"]


def retry_seconds(wait) -> float:
    return wait.total_seconds() if isinstance(wait, dtm.timedelta) else float(wait)


async def call(fn, *args, flood_retries: int = RETRIES_ON_FLOOD, **kwargs):
    """A Bot API call that waits out Telegram's flood control (RetryAfter) and tries again."""
    for attempt in range(flood_retries + 1):
        try:
            return await fn(*args, **kwargs)
        except RetryAfter as exc:
            if attempt == flood_retries:
                raise
            seconds = retry_seconds(exc.retry_after)
            log.info("Telegram flood control: waiting %.1f s", seconds)
            await asyncio.sleep(seconds)


async def send(message: Message, text: str, markup=None, flood_retries: int = RETRIES_ON_FLOOD) -> Message:
    return await call(message.reply_text, text, parse_mode=ParseMode.HTML, reply_markup=markup,
                      disable_web_page_preview=True, flood_retries=flood_retries)


async def edit(message: Message, text: str, markup=None, flood_retries: int = RETRIES_ON_FLOOD) -> None:
    try:
        await call(message.edit_text, text, parse_mode=ParseMode.HTML, reply_markup=markup,
                   disable_web_page_preview=True, flood_retries=flood_retries)
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            raise


def ui_language(update: Update) -> str:
    user = update.effective_user
    return user_language(user.language_code if user else None)


def page_buttons(prefix: str, page: int, pages: int) -> InlineKeyboardMarkup | None:
    """« and » for a paged list; each button's data is the prefix and the page it opens."""
    nav = []
    if page > 0:
        nav.append(InlineKeyboardButton("«", callback_data=f"{prefix}{page - 1}"))
    if page < pages - 1:
        nav.append(InlineKeyboardButton("»", callback_data=f"{prefix}{page + 1}"))
    return InlineKeyboardMarkup([nav]) if nav else None
