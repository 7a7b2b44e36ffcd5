"""One settings object, read from the environment and .env. Nothing else reads the environment."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from retrieval.chunking import CHUNK_OVERLAP, CHUNK_SIZE

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class AnswerSettings:
    """How questions are answered: the home of these defaults (Settings reads them from the environment)."""
    k: int = 6
    # Confidence (bot/decision.py) needed to answer: high without an LLM, where a wrong quotation
    # reaches the reader; low with one, which only stops the clearly irrelevant before the call.
    # None: the gate fitted per language pair on public data (decision.json).
    threshold: float = 0.5
    threshold_llm: float | None = None
    # Below this confidence not even the closest passages are offered with the refusal.
    closest_floor: float = 0.05
    history_turns: int = 4
    max_question_chars: int = 1000
    extract_passages: int = 3
    rewrite_cache: int = 256


_ANSWER = AnswerSettings()


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    # Where things live
    data_dir: Path = ROOT / "data"
    corpus_dir: Path = ROOT / "corpus"

    # Vector store: a persistent directory under data_dir, or a Chroma server when CHROMA_HOST is set
    chroma_host: str | None = None
    chroma_port: int = 8000
    chroma_ssl: bool = False
    chroma_collection: str = "passages"

    # Embeddings: the bundled offline model, or an OpenAI-compatible endpoint
    embedding_backend: Literal["local", "openai"] = "local"
    embedding_model: str = "text-embedding-3-small"
    embedding_base_url: str | None = None
    embedding_api_key: str | None = None
    # The bundled model's latent terms (retrieval/latent.py): better English/Russian search, at
    # about twice the model time per passage at ingest. Off: ingest as fast as before.
    latent_terms: bool = True

    # Chunking (defaults: retrieval/chunking.py)
    chunk_size: int = CHUNK_SIZE
    chunk_overlap: int = CHUNK_OVERLAP

    # LLM (any OpenAI-compatible chat endpoint); empty key and base URL -> extractive answers
    openai_api_key: str | None = None
    openai_base_url: str | None = None
    llm_model: str = "gpt-4o-mini"
    llm_timeout: float = 60.0
    # A hung LLM: the first streamed piece (or a short reply) must come within this many seconds,
    # then calls fail at once for llm_cooldown seconds; the reader gets quotations meanwhile.
    llm_first_token_timeout: float = 15.0
    llm_cooldown: float = 30.0
    # Seconds between renewals of the "typing…" action while an answer is prepared.
    typing_interval: float = 4.0
    llm_max_retries: int = 3
    llm_temperature: float = 0.0

    # Answering (defaults: AnswerSettings above)
    search_k: int = _ANSWER.k
    decision_threshold: float = _ANSWER.threshold
    decision_threshold_llm: float | None = _ANSWER.threshold_llm
    history_turns: int = _ANSWER.history_turns
    max_question_chars: int = _ANSWER.max_question_chars

    # Telegram
    telegram_bot_token: str | None = None
    telegram_api_base_url: str | None = None
    telegram_file_base_url: str | None = None
    webhook_url: str | None = None
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = 8443
    webhook_secret: str | None = None
    telegram_allowed_chat_ids: Annotated[list[int], NoDecode] = []
    telegram_admin_ids: Annotated[list[int], NoDecode] = []
    rate_limit_per_minute: int = 10
    stream_edit_interval: float = 1.5

    # Adding articles by URL
    url_fetch_timeout: float = 15.0
    url_max_bytes: int = 5 * 1024 * 1024
    url_allowlist: Annotated[list[str], NoDecode] = []

    log_level: str = "INFO"

    @field_validator("telegram_allowed_chat_ids", "telegram_admin_ids", "url_allowlist", mode="before")
    @classmethod
    def _split_list(cls, value):
        # "1, 2,3" in .env, as well as JSON lists
        if isinstance(value, str):
            if value.strip().startswith("["):
                return json.loads(value)
            return [v.strip() for v in value.split(",") if v.strip()]
        return value

    @field_validator("chroma_host", "openai_api_key", "openai_base_url", "embedding_base_url",
                     "embedding_api_key", "telegram_bot_token", "telegram_api_base_url",
                     "telegram_file_base_url", "webhook_url", "webhook_secret", mode="before")
    @classmethod
    def _blank_is_none(cls, value):
        return value or None

    def answer_settings(self) -> AnswerSettings:
        return AnswerSettings(k=self.search_k, threshold=self.decision_threshold,
                              threshold_llm=self.decision_threshold_llm, history_turns=self.history_turns,
                              max_question_chars=self.max_question_chars)

    @property
    def llm_configured(self) -> bool:
        return bool(self.openai_api_key or self.openai_base_url)
