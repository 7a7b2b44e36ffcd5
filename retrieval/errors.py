"""The small error hierarchy of the retrieval layer; the CLI and the bot translate it for users."""


class TalksError(Exception):
    """Base of every error we expect and explain to a user."""


# Why a file, record or page was refused, by stable code; the bot translates these codes.
REASONS = {
    "too_big": "the file is {mb:.1f} MB; the limit is {limit} MB",
    "unsupported": "unsupported file type '{ext}'; supported: {supported}",
    "empty": "the file is empty",
    "no_text": "no text could be extracted from the file",
    "no_page_text": "no article text could be found in the page",
    "binary": "the file looks binary, not text",
    "not_utf8": "the file is not UTF-8 text",
    "pdf_password": "the PDF is password-protected",
    "pdf_damaged": "the PDF is damaged or not a PDF ({detail})",
    "docx_bomb": "the DOCX inflates to more than 100 MB (a compression bomb?)",
    "docx_damaged": "the DOCX is damaged or password-protected (not a readable Word file)",
    "no_article_text": "there is no article text",
    "bad_url": "the link is not a valid http(s) URL",
    "unknown_host": "the site {host} could not be found",
    "private_address": "the link points to a private or local address ({ip}); refused",
    "http_status": "the page answered with HTTP {status}",
    "not_html": "the link is not a web page ({ctype})",
    "page_too_big": "the page is larger than {limit:.0f} MB",
    "timeout": "the site did not answer within {seconds:.0f} s",
    "unreachable": "the site could not be reached ({detail})",
    "redirects": "too many redirects",
}


class LoadError(TalksError):
    """A file, record or page could not be turned into an article (code: a key of REASONS)."""

    def __init__(self, code: str, **params):
        self.code, self.params = code, params
        super().__init__(REASONS[code].format(**params))


class StoreUnavailable(TalksError):
    """The vector store (a Chroma server, usually) cannot be reached."""


class EmbeddingError(TalksError):
    """The embedding backend failed."""
