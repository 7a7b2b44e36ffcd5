"""Building and running the python-telegram-bot Application (long polling, or a webhook)."""

from __future__ import annotations

import logging

from telegram import BotCommand, Update
from telegram.ext import (Application, ApplicationBuilder, CallbackQueryHandler, CommandHandler, MessageHandler,
                          TypeHandler, filters)

from ..answer import Answerer
from ..config import Settings
from ..conversation import Conversation
from ..corpus_admin import CorpusAdmin
from ..history import ChatStore
from ..messages import COMMANDS
from .admin import (add, add_anyway, audit_log, document, list_articles, reindex, remove, remove_confirmed,
                    stats)
from .handlers import (about, allowed_chats_only, ask, new, not_text, on_error, question, source_button, sources, start,
                       timeline)
from .replies import Services
from .limits import RateLimiter, Throttle

log = logging.getLogger(__name__)
CONCURRENT_UPDATES = 64  # one slow answer must never hold up other chats


def file_base_url(settings: Settings) -> str | None:
    if settings.telegram_file_base_url:
        return settings.telegram_file_base_url
    base = settings.telegram_api_base_url
    if base and base.rstrip("/").endswith("/bot"):
        return base.rstrip("/")[: -len("/bot")] + "/file/bot"
    return None


async def _post_init(app: Application) -> None:
    # The command menu, in Arabic by default and in English and Russian for those users.
    await app.bot.set_my_commands([BotCommand(c, d) for c, d in COMMANDS["ar"]])
    for lang in ("en", "ru"):
        await app.bot.set_my_commands([BotCommand(c, d) for c, d in COMMANDS[lang]], language_code=lang)
    # The bot started without waiting for latent terms the index lacks (a first-time indexing,
    # a fill a stop cut short): they are filled in while it serves.
    app.bot_data["admin"].fill_latent_soon()


async def _post_shutdown(app: Application) -> None:
    # A background fill of latent terms stops with the bot; the next start fills in the rest
    # (_post_init).
    app.bot_data["admin"].stop_filling()


def build_application(settings: Settings, answerer: Answerer, chats: ChatStore | None = None,
                      admin: CorpusAdmin | None = None) -> Application:
    builder = ApplicationBuilder().token(settings.telegram_bot_token).concurrent_updates(CONCURRENT_UPDATES)
    if settings.telegram_api_base_url:
        builder = builder.base_url(settings.telegram_api_base_url)
    if file_base_url(settings):
        builder = builder.base_file_url(file_base_url(settings))
    app = builder.post_init(_post_init).post_shutdown(_post_shutdown).build()
    admin = admin or CorpusAdmin(answerer.index, settings)
    conversation = Conversation(answerer, chats or ChatStore(settings.data_dir / "chats.sqlite"), admin,
                                settings.history_turns)
    app.bot_data["services"] = Services(
        conversation=conversation,
        settings=settings,
        limiter=RateLimiter(settings.rate_limit_per_minute),
        throttle=Throttle(settings.stream_edit_interval),
    )
    app.bot_data["admin"] = admin
    register(app)
    return app


def register(app: Application) -> None:
    """Every handler of the bot, in one place."""
    # Group -1 runs before every other handler and can stop the update there.
    app.add_handler(TypeHandler(Update, allowed_chats_only), group=-1)
    # The admin handlers first, so the text of /add is not taken for a question.
    app.add_handler(CommandHandler("add", add))
    app.add_handler(CommandHandler("remove", remove))
    app.add_handler(CommandHandler("list", list_articles))
    app.add_handler(CommandHandler("stats", stats))
    app.add_handler(CommandHandler("reindex", reindex))
    app.add_handler(CommandHandler("log", audit_log))
    app.add_handler(MessageHandler(filters.Document.ALL, document))
    app.add_handler(CallbackQueryHandler(remove_confirmed, pattern=r"^rm:"))
    app.add_handler(CallbackQueryHandler(list_articles, pattern=r"^ls:"))
    app.add_handler(CallbackQueryHandler(add_anyway, pattern=r"^nd:"))
    app.add_handler(CommandHandler(["start", "help"], start))
    app.add_handler(CommandHandler("ask", ask))
    app.add_handler(CommandHandler("sources", sources))
    app.add_handler(CommandHandler("new", new))
    app.add_handler(CommandHandler("about", about))
    app.add_handler(CommandHandler("timeline", timeline))
    app.add_handler(CallbackQueryHandler(timeline, pattern=r"^tl:"))
    app.add_handler(CallbackQueryHandler(source_button, pattern=r"^src:"))
    # New messages only: an edited question is not asked twice.
    app.add_handler(MessageHandler(filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND, question))
    app.add_handler(MessageHandler(filters.UpdateType.MESSAGE & filters.ChatType.PRIVATE & ~filters.TEXT
                                   & ~filters.Document.ALL & ~filters.StatusUpdate.ALL, not_text))
    app.add_error_handler(on_error)


def webhook_options(settings: Settings) -> dict:
    """Where to listen for Telegram's webhook: the public URL's path, on WEBHOOK_LISTEN:WEBHOOK_PORT."""
    from urllib.parse import urlparse

    return dict(listen=settings.webhook_listen, port=settings.webhook_port,
                url_path=urlparse(settings.webhook_url).path.lstrip("/"), webhook_url=settings.webhook_url,
                secret_token=settings.webhook_secret)


def run(settings: Settings) -> int:
    from ..runtime import ensure_indexed, make_answerer, open_index

    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # it logs every poll, with the token in the URL
    index = open_index(settings)
    ensure_indexed(index, settings.corpus_dir, latent=False)  # latent terms: in the background (_post_init)
    app = build_application(settings, make_answerer(settings, index))
    if settings.webhook_url:
        log.info("starting in webhook mode on %s:%s", settings.webhook_listen, settings.webhook_port)
        app.run_webhook(**webhook_options(settings))
    else:
        log.info("starting with long polling")
        app.run_polling()
    return 0
