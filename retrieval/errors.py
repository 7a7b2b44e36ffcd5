"""The small error hierarchy of the retrieval layer; the CLI and the bot translate it for users."""


class TalksError(Exception):
    """Base of every error we expect and explain to a user."""


class LoadError(TalksError):
    """A file, record or page could not be turned into an article."""


class StoreUnavailable(TalksError):
    """The vector store (a Chroma server, usually) cannot be reached."""


class EmbeddingError(TalksError):
    """The embedding backend failed."""
