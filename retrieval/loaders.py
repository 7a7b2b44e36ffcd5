"""Files, folders, JSONL records, HTML pages, PDF and DOCX -> Articles.

Everything that can go wrong with a user's file becomes a LoadError with a plain reason; one bad
record in a JSONL file is reported with its line number and the rest still load.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .article import Article, make_id, parse_file_text, safe_id
from .errors import LoadError

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024  # a DOCX that inflates past this is a compression bomb
MIN_PAGE_WORDS = 8
TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | {".pdf", ".docx", ".jsonl"}


@dataclass
class Loaded:
    articles: list[Article] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (where, why)

    def extend(self, other: "Loaded") -> None:
        self.articles.extend(other.articles)
        self.errors.extend(other.errors)


def load_paths(paths: list[Path]) -> Loaded:
    """Load files and folders (recursively, supported extensions only, hidden files skipped)."""
    out = Loaded()
    for path in paths:
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
            for f in files:
                if f.suffix.lower() in SUPPORTED:
                    out.extend(load_file(f))
        elif path.exists():
            out.extend(load_file(path))
        else:
            out.errors.append((str(path), "no such file or folder"))
    return out


def load_file(path: Path) -> Loaded:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise LoadError("too_big", mb=size / 1e6, limit=MAX_FILE_BYTES // 2**20)
        return load_bytes(path.name, path.read_bytes(), label=str(path))
    except LoadError as exc:
        return Loaded(errors=[(str(path), str(exc))])
    except OSError as exc:
        return Loaded(errors=[(str(path), f"cannot read the file: {exc.strerror or exc}")])


def load_bytes(filename: str, data: bytes, label: str | None = None) -> Loaded:
    """Turn an uploaded or read file into articles; raises LoadError for the whole file."""
    suffix = Path(filename).suffix.lower()
    stem = safe_id(Path(filename).stem) or make_id(filename)
    if suffix not in SUPPORTED:
        raise LoadError("unsupported", ext=suffix or filename, supported=", ".join(sorted(SUPPORTED)))
    if len(data) > MAX_FILE_BYTES:
        raise LoadError("too_big", mb=len(data) / 1e6, limit=MAX_FILE_BYTES // 2**20)
    if not data.strip():
        raise LoadError("empty")
    if suffix == ".jsonl":
        return load_jsonl(_decode(data), label or filename)
    if suffix in TEXT_SUFFIXES:
        article = parse_file_text(_decode(data), stem)
    elif suffix in HTML_SUFFIXES:
        article = article_from_html(_decode(data), fallback_id=stem)
    elif suffix == ".pdf":
        article = Article(id=stem, text=_pdf_text(data), title="")
    else:
        article = Article(id=stem, text=_docx_text(data), title="")
    if not article.text.strip():
        raise LoadError("no_text")
    if not article.title:
        article.title = first_line(article.text)
    return Loaded(articles=[article])


def load_jsonl(text: str, where: str = "input") -> Loaded:
    """Records of {"id", "title", "text", "date", "source", "url"}; only text is required."""
    out = Loaded()
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            out.errors.append((f"{where}:{lineno}", f"not valid JSON ({exc.msg})"))
            continue
        if not isinstance(rec, dict):
            out.errors.append((f"{where}:{lineno}", "a line must be a JSON object"))
            continue
        body = rec.get("text")
        if not isinstance(body, str) or not body.strip():
            out.errors.append((f"{where}:{lineno}", "the record has no text"))
            continue
        raw_id = str(rec.get("id") or "")
        out.articles.append(Article(
            id=safe_id(raw_id) or make_id(body),
            text=body,
            title=_str(rec.get("title")) or first_line(body),
            date=_str(rec.get("date"))[:10],
            source=_str(rec.get("source")),
            url=_str(rec.get("url")),
        ))
    return out


def article_from_html(html: str, fallback_id: str = "", url: str = "") -> Article:
    """Main text, title and publication date of a page (boilerplate and menus dropped)."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url or None, with_metadata=True, include_comments=False,
                                      favor_precision=True)
    if doc is None:
        raise LoadError("no_page_text")
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = (data.get("text") or "").strip()
    if len(text.split()) < MIN_PAGE_WORDS:  # a menu or a cookie banner is not an article
        raise LoadError("no_page_text")
    return Article(
        id=fallback_id or make_id(text),
        text=text,
        title=_str(data.get("title")) or first_line(text),
        date=_str(data.get("date"))[:10],
        source=_str(data.get("sitename")) or _str(data.get("hostname")),
        url=url or _str(data.get("url")),
    )


def load_url(url: str, *, allowlist: list[str], timeout: float, max_bytes: int) -> Article:
    """Fetch a page (safely, see web.py) and extract its article; the id follows the URL."""
    from .web import fetch

    page = fetch(url, allowlist=allowlist, timeout=timeout, max_bytes=max_bytes)
    article = article_from_html(page.html, url=page.url)
    article.id = make_id(page.url, "web")  # the same link again updates the article
    return article


def is_url(text: str) -> bool:
    return text.strip().lower().startswith(("http://", "https://"))


def first_line(text: str, limit: int = 120) -> str:
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return line if len(line) <= limit else line[:limit].rsplit(" ", 1)[0] + "…"


def _str(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _decode(data: bytes) -> str:
    if b"\x00" in data[:8192]:
        raise LoadError("binary")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        # Older Arabic sites and Word exports still use Windows-1256.
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        raise LoadError("not_utf8") from None
    letters = [ch for ch in text if ch.isalpha()]
    arabic = sum(1 for ch in letters if "\u0620" <= ch <= "\u064a")
    if not letters or arabic < 0.8 * len(letters):  # random bytes decode too; real text is mostly letters
        raise LoadError("not_utf8")
    return text


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except Exception:  # pypdf raises several types for unknown encryption
                ok = 0
            if not ok:
                raise LoadError("pdf_password") from None
        return "\n".join((page.extract_text() or "") for page in reader.pages)
    except LoadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise LoadError("pdf_damaged", detail=exc.__class__.__name__) from exc


def _docx_text(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            if sum(info.file_size for info in zf.infolist()) > MAX_UNZIPPED_BYTES:
                raise LoadError("docx_bomb")
    except zipfile.BadZipFile:
        raise LoadError("docx_damaged") from None
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises KeyError/ValueError/PackageNotFoundError for broken files
        raise LoadError("docx_damaged") from exc
    return "\n".join(p.text for p in document.paragraphs)


def load_corpus(corpus_dir: Path) -> Loaded:
    """The corpus folder: one Markdown file per article with a front-matter header."""
    out = Loaded()
    if not corpus_dir.exists():
        return out
    for path in sorted(corpus_dir.glob("*.md")):
        try:
            out.articles.append(parse_file_text(path.read_text(encoding="utf-8"), path.stem))
        except (OSError, UnicodeDecodeError) as exc:
            out.errors.append((str(path), f"cannot read: {exc}"))
    return out
