"""The Article record and the corpus file format (front-matter header + body, body unchanged)."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .normalize import normalize

FIELDS = ("id", "title", "date", "source", "url")
_ID_OK = re.compile(r"[^0-9A-Za-z_\-.]+")


@dataclass
class Article:
    id: str
    text: str
    title: str = ""
    date: str = ""  # ISO yyyy-mm-dd, or "" when unknown
    source: str = ""
    url: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def content_hash(self) -> str:
        """Hash of the normalised text: the same story re-typed or re-diacritised is the same."""
        return hashlib.sha256(" ".join(normalize(self.text).split()).encode()).hexdigest()

    @property
    def version_hash(self) -> str:
        """Changes when the text or any metadata shown to readers changes."""
        meta = json.dumps([self.title, self.date, self.source, self.url], ensure_ascii=False)
        return hashlib.sha256((self.content_hash + meta).encode()).hexdigest()


def safe_id(raw: str) -> str:
    """Ids end up in file names, Chroma ids and Telegram callback data: keep them plain."""
    cleaned = _ID_OK.sub("-", raw.strip()).strip("-.")
    return cleaned[:64]


def make_id(text: str, hint: str = "") -> str:
    digest = hashlib.sha256(text.encode()).hexdigest()[:16]
    return safe_id(f"{hint}_{digest}" if hint else digest)


def to_file_text(article: Article) -> str:
    lines = ["---"]
    for key in FIELDS:
        value = getattr(article, key) or ""
        lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    lines.append("---")
    return "\n".join(lines) + "\n" + article.text


def parse_file_text(raw: str, fallback_id: str) -> Article:
    """Parse a corpus file; files without a header are plain text named by their file name."""
    meta: dict[str, str] = {}
    body = raw
    if raw.startswith("---\n"):
        end = raw.find("\n---\n", 4)
        if end != -1:
            for line in raw[4:end].splitlines():
                key, sep, value = line.partition(":")
                if not sep:
                    continue
                value = value.strip()
                if value.startswith('"'):
                    try:
                        value = json.loads(value)
                    except json.JSONDecodeError:
                        value = value.strip('"')
                meta[key.strip()] = value or ""
            body = raw[end + 5 :]
    return Article(
        id=safe_id(meta.get("id") or fallback_id),
        text=body,
        title=meta.get("title", ""),
        date=meta.get("date", ""),
        source=meta.get("source", ""),
        url=meta.get("url", ""),
    )


def write_article(article: Article, corpus_dir: Path) -> Path:
    """Write atomically so a crash never leaves a half-written corpus file."""
    corpus_dir.mkdir(parents=True, exist_ok=True)
    path = corpus_dir / f"{article.id}.md"
    tmp = path.with_suffix(".md.tmp")
    tmp.write_text(to_file_text(article), encoding="utf-8")
    tmp.replace(path)
    return path


def delete_article_file(article_id: str, corpus_dir: Path) -> bool:
    path = corpus_dir / f"{article_id}.md"
    if path.exists():
        path.unlink()
        return True
    return False
