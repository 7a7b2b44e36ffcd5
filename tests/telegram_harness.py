"""Run the real python-telegram-bot Application against the fake Bot API, in a background loop."""

from __future__ import annotations

import asyncio
import threading

from bot.config import Settings


def bot_settings(fake, data_dir, **over) -> Settings:
    values = dict(telegram_bot_token=fake.token, telegram_api_base_url=fake.base_url, data_dir=data_dir,
                  corpus_dir=data_dir / "corpus", openai_api_key=None, openai_base_url=None)
    values.update(over)
    return Settings(_env_file=None, **values)


LAST_GROUP = 10**6


class RunningBot:
    """`with RunningBot(app):` polls the fake server until the block ends."""

    def __init__(self, app, webhook: dict | None = None):
        from telegram import Update
        from telegram.ext import TypeHandler

        self.app = app
        self.webhook = webhook  # options for start_webhook; None: long polling
        self._started = threading.Event()
        self._error: BaseException | None = None
        # Handler groups run in order for one update, so a handler in the last group tells when the
        # bot is done with an update: a test can wait for that instead of sleeping.
        self._processed: set[int] = set()
        self._cv = threading.Condition()
        app.add_handler(TypeHandler(Update, self._mark), group=LAST_GROUP)

    async def _mark(self, update, context) -> None:
        with self._cv:
            self._processed.add(update.update_id)
            self._cv.notify_all()

    def wait_processed(self, update_id: int, timeout: float = 30.0) -> None:
        """Block until every handler group has seen this update (nothing was sent means nothing will be)."""
        with self._cv:
            if not self._cv.wait_for(lambda: update_id in self._processed, timeout):
                raise AssertionError(f"update {update_id} was not processed within {timeout} s")

    def __enter__(self):
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        if not self._started.wait(30):
            raise RuntimeError("the bot did not start")
        if self._error:
            raise self._error
        return self

    def _run(self):
        self.loop = asyncio.new_event_loop()
        asyncio.set_event_loop(self.loop)
        self._stop = asyncio.Event()

        async def main():
            try:
                async with self.app:
                    if self.app.post_init:  # run_polling() would call it after initialize()
                        await self.app.post_init(self.app)
                    await self.app.start()
                    if self.webhook:
                        await self.app.updater.start_webhook(**self.webhook)
                    else:
                        await self.app.updater.start_polling(poll_interval=0.0, timeout=1)
                    self._started.set()
                    await self._stop.wait()
                    await self.app.updater.stop()
                    await self.app.stop()
                if self.app.post_shutdown:  # likewise after shutdown()
                    await self.app.post_shutdown(self.app)
            except BaseException as exc:  # surface start-up failures to the test
                self._error = exc
                self._started.set()

        self.loop.run_until_complete(main())
        self.loop.close()

    def __exit__(self, *exc):
        self.loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(30)
