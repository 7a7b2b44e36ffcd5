"""The only module that talks to an LLM: a LangChain chat model on any OpenAI-compatible endpoint.

Retries with exponential backoff on 429 and 5xx, honouring Retry-After, come from the openai
client underneath (max_retries). Time is bounded twice: the first streamed piece (or a short
reply) must come within `first_token_timeout`, the whole reply within `timeout`. A hung LLM
therefore costs the reader one first-token wait, not retries of a full timeout each; after a
timeout, calls fail at once for `cooldown` seconds (the follow-up rewrite and the answer of one
question do not wait twice). Streaming reports the text so far; an error raised by that callback
(Telegram refusing an edit) is the caller's own and passes through unchanged, never as an LLM
failure.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Awaitable, Callable, Protocol

from .config import Settings
from .errors import LLMError

log = logging.getLogger(__name__)
_DEFAULT = {name: field.default for name, field in Settings.model_fields.items()}  # config.py: their one home
OnText = Callable[[str], Awaitable[None]]


class ChatModel(Protocol):
    async def complete(self, system: str, user: str, on_text: OnText | None = None, short: bool = False) -> str:
        """The reply text; with on_text, called with the text so far as it streams in.

        short: a reply of a line or two (the question rewrite), held to the first-token timeout.
        """
        ...


class _Delivery(Exception):
    """An error of the on_text callback, carried out of the LLM's error handling untouched."""

    def __init__(self, error: BaseException):
        super().__init__(str(error))
        self.error = error


class OpenAIChat:
    def __init__(self, model: str, base_url: str | None, api_key: str | None, timeout: float = _DEFAULT["llm_timeout"],
                 max_retries: int = _DEFAULT["llm_max_retries"], temperature: float = _DEFAULT["llm_temperature"],
                 first_token_timeout: float = _DEFAULT["llm_first_token_timeout"],
                 cooldown: float = _DEFAULT["llm_cooldown"], clock=time.monotonic):
        from langchain_openai import ChatOpenAI

        self._chat = ChatOpenAI(model=model, base_url=base_url, api_key=api_key or "not-needed",
                                timeout=timeout, max_retries=max_retries, temperature=temperature)
        self.timeout = timeout
        self.first_token_timeout = min(first_token_timeout, timeout)
        self.cooldown = cooldown
        self._clock = clock
        self._down_until = 0.0

    @classmethod
    def from_settings(cls, settings: Settings) -> "OpenAIChat":
        return cls(settings.llm_model, settings.openai_base_url, settings.openai_api_key,
                   settings.llm_timeout, settings.llm_max_retries, settings.llm_temperature,
                   settings.llm_first_token_timeout, settings.llm_cooldown)

    async def complete(self, system: str, user: str, on_text: OnText | None = None, short: bool = False) -> str:
        from langchain_core.messages import HumanMessage, SystemMessage

        if self._clock() < self._down_until:
            raise LLMError("the language model timed out moments ago")
        messages = [SystemMessage(content=system), HumanMessage(content=user)]
        try:
            if on_text is None:
                limit = self.first_token_timeout if short else self.timeout
                reply = await asyncio.wait_for(self._chat.ainvoke(messages), limit)
                return _text(reply.content)
            return await asyncio.wait_for(self._stream(messages, on_text), self.timeout)
        except _Delivery as failed:
            raise failed.error from None
        except (asyncio.TimeoutError, TimeoutError) as exc:
            self._down_until = self._clock() + self.cooldown
            log.warning("LLM call timed out; no LLM calls for %.0f s", self.cooldown)
            raise LLMError("the language model timed out") from exc
        except Exception as exc:  # openai raises its own hierarchy; the caller needs one type
            log.warning("LLM call failed: %s: %s", type(exc).__name__, exc)
            raise LLMError(f"the language model failed: {type(exc).__name__}") from exc

    async def _stream(self, messages, on_text: OnText) -> str:
        stream = self._chat.astream(messages).__aiter__()
        parts: list[str] = []
        try:
            first = True
            while True:
                try:
                    nxt = stream.__anext__()
                    chunk = await (asyncio.wait_for(nxt, self.first_token_timeout) if first else nxt)
                except StopAsyncIteration:
                    break
                first = False
                piece = _text(chunk.content)
                if piece:
                    parts.append(piece)
                    try:
                        await on_text("".join(parts))
                    except Exception as exc:
                        raise _Delivery(exc) from exc
        finally:
            await stream.aclose()
        return "".join(parts)


def _text(content) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # content blocks
        return "".join(b.get("text", "") if isinstance(b, dict) else str(b) for b in content)
    return str(content or "")
