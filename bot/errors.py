"""Errors of the answering layer (the retrieval layer's live in retrieval.errors)."""

from retrieval.errors import TalksError


class LLMError(TalksError):
    """The LLM failed after its retries, timed out, or answered nothing usable."""


class BadQuestion(TalksError):
    """The question cannot be answered as asked (empty, too long, no words)."""

    def __init__(self, code: str, message: str, language: str = "ar"):
        super().__init__(message)
        self.code = code  # empty | too_long | no_words: the interfaces localise by code
        self.language = language  # of the asker, for the message
