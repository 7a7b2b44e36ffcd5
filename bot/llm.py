"""The only module that talks to an LLM: a LangChain chat model on any OpenAI-compatible endpoint.

Retries with exponential backoff on 429 and 5xx, honouring Retry-After, come from the openai
client underneath (max_retries); timeouts are per request. Streaming reports the text so far.
"""

from __future__ import annotations

import logging
from typing import Awaitable, Callable, Protocol

from .config import Settings
from .errors import LLMError

log = logging.getLogger(__name__)
OnText = Callable[[str], Awaitable[None]]


class ChatModel(Protocol):
    async def complete(self, system: str, user: str, on_text: OnText | None = None) -> str:
        """The reply text; with on_text, called with the text so far as it streams in."""
        ...


class OpenAIChat:
    def __init__(self, model: str, base_url: str | None, api_key: str | None, timeout: float = 60.0,
                 max_retries: int = 3, temperature: float = 0.0):
        from langchain_openai import ChatOpenAI

        self._chat = ChatOpenAI(model=model, base_url=base_url, api_key=api_key or "not-needed",
                                timeout=timeout, max_retries=max_retries, temperature=temperature)

    @classmethod
    def from_settings(cls, settings: Settings) -> "OpenAIChat":
        return cls(settings.llm_model, settings.openai_base_url, settings.openai_api_key,
                   settings.llm_timeout, settings.llm_max_retries, settings.llm_temperature)

    async def complete(self, system: str, user: str, on_text: OnText | None = None) -> str:
        from langchain_core.messages import HumanMessage, SystemMessage

        messages = [SystemMessage(content=system), HumanMessage(content=user)]
        try:
            if on_text is None:
                reply = await self._chat.ainvoke(messages)
                return _text(reply.content)
            parts: list[str] = []
            async for chunk in self._chat.astream(messages):
                piece = _text(chunk.content)
                if piece:
                    parts.append(piece)
                    await on_text("".join(parts))
            return "".join(parts)
        except Exception as exc:  # openai raises its own hierarchy; the caller needs one type
            log.warning("LLM call failed: %s: %s", type(exc).__name__, exc)
            raise LLMError(f"the language model failed: {type(exc).__name__}") from exc


def _text(content) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # content blocks
        return "".join(b.get("text", "") if isinstance(b, dict) else str(b) for b in content)
    return str(content or "")
