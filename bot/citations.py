"""Opaque passage keys, and turning an LLM reply into text whose every sentence cites a passage.

The LLM sees passages under keys like [ref-1a2b] and never a number, title or URL. Here the keys
it wrote become [1], [2], ... in order of first use; keys that were never issued are dropped;
a sentence left without a valid key is removed (a claim the reader could not check), and the
caller falls back to quotations when nothing cited remains.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Callable

# (sentence without its keys, the issued keys it cites) -> why the cited passages do not back it
Check = Callable[[str, list[str]], "str | None"]

NOT_FOUND = "NOT_IN_CORPUS"
KEY = re.compile(r"ref-[0-9a-z]{4}", re.IGNORECASE)
# One bracket group holding one or more keys: [ref-1a2b] or [ref-1a2b, ref-3c4d]
GROUP = re.compile(r"\[\s*ref-[0-9a-z]{4}(?:\s*[,،;]?\s*ref-[0-9a-z]{4})*\s*\]|\bref-[0-9a-z]{4}\b", re.IGNORECASE)
_END = ".!?؟…"
_CITES_AFTER_END = re.compile(rf"([{_END}]+)((?:\s*(?:{GROUP.pattern}))+)", re.IGNORECASE)
# A sentence ends at . ! ? ؟ … followed by a space or the end: "3.5" and "U.S." stay whole.
_SENTENCE_BREAK = re.compile(rf"(?<=[{_END}])\s+")

# Script and style elements go with their content: nothing in them is meant to be read.
_CODE_ELEMENT = re.compile(r"<(script|style)\b[^>]{0,200}>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"</?[a-zA-Z][^<>]{0,200}>")
_MD_LINK = re.compile(r"\[([^\]\[]+)\]\((?:[^()\s]|\([^()\s]*\))*\)")
_URL = re.compile(r"(?:[a-z][a-z0-9+.-]{1,15}://|www\.)\S+", re.IGNORECASE)
# A bare domain (evil.example, news.example.com/path): labels of Latin letters, digits and hyphens
# ending in a Latin top-level label. "U.S." and "3.5" are not domains.
_DOMAIN = re.compile(r"(?<![\w@.-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}\b(?:/\S*)?", re.IGNORECASE)
_MD_MARKS = re.compile(r"(\*\*|__|`{1,3}|~~)")
_MD_LINE = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)", re.MULTILINE)


def issue_keys(passage_ids: list[str], salt: str) -> dict[str, str]:
    """passage id -> opaque key, unique within one question."""
    keys: dict[str, str] = {}
    used: set[str] = set()
    for pid in passage_ids:
        n = 0
        while True:
            key = "ref-" + hashlib.sha256(f"{salt}|{pid}|{n}".encode()).hexdigest()[:4]
            if key not in used:
                break
            n += 1
        used.add(key)
        keys[pid] = key
    return keys


def clean_markup(text: str) -> str:
    """Plain text: no HTML tags, Markdown emphasis, headings, list marks, links or URLs."""
    text = _CODE_ELEMENT.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _URL.sub("", text)
    text = _DOMAIN.sub("", text)
    text = _TAG.sub("", text)
    text = _MD_MARKS.sub("", text)
    text = _MD_LINE.sub("", text)
    return text.strip()


@dataclass
class Resolved:
    text: str
    order: list[str] = field(default_factory=list)  # issued keys in order of first use -> [1], [2], ...
    dropped_keys: list[str] = field(default_factory=list)
    removed_sentences: list[str] = field(default_factory=list)
    unsupported: list[dict] = field(default_factory=list)  # {"sentence", "reason"}: facts no cited passage holds
    not_found: bool = False


def resolve(reply: str, issued: set[str], check: Check | None = None) -> Resolved:
    """Every kept sentence cites an issued key and, with `check`, is backed by what it cites."""
    issued = {k.lower() for k in issued}
    text = clean_markup(reply or "")
    out = Resolved(text="")
    if NOT_FOUND in text:
        text = text.replace(NOT_FOUND, "")
        out.not_found = True
    # "claim. [ref-1a2b]" -> "claim [ref-1a2b]." so the key stays with its sentence
    text = _CITES_AFTER_END.sub(lambda m: f"{m.group(2)}{m.group(1)}", text)
    paragraphs = []
    for para in text.split("\n"):
        kept = []
        for sentence in _sentences(para):
            if not sentence:
                continue
            keys = [k.lower() for k in KEY.findall(sentence)]
            bare = " ".join(GROUP.sub(" ", sentence).split())
            bare = re.sub(rf"\s+([{_END},،:;])", r"\1", bare)
            valid = []
            for k in keys:
                if k in issued:
                    if k not in valid:
                        valid.append(k)
                elif k not in out.dropped_keys:
                    out.dropped_keys.append(k)
            if not _has_words(bare):
                continue
            if not valid:
                out.removed_sentences.append(bare)
                continue
            why = check(bare, valid) if check is not None else None
            if why:
                out.unsupported.append({"sentence": bare, "reason": why})
                continue
            numbers = []
            for k in valid:
                if k not in out.order:
                    out.order.append(k)
                numbers.append(out.order.index(k) + 1)
            body, end = _split_end(bare)
            kept.append(f"{body} " + "".join(f"[{n}]" for n in numbers) + end)
        if kept:
            paragraphs.append(" ".join(kept))
    out.text = "\n".join(paragraphs)
    if out.order:
        out.not_found = False  # cited content wins over a stray refusal
    return out


def complete_part(reply: str) -> str:
    """The reply up to its last complete sentence: what the streaming preview may show.

    The sentence still being written is held back (its citation or its end may not have come);
    the preview is then resolve() of this part, with the same checks as the final text.
    """
    text = reply or ""
    cut = text.rfind("\n")
    last = text[cut + 1:]
    # The last paragraph's last sentence is unfinished until a newline or the next sentence.
    sentences = _sentences(_CITES_AFTER_END.sub(lambda m: f"{m.group(2)}{m.group(1)}", last))
    return text[: cut + 1] + " ".join(sentences[:-1]) if sentences else text[: cut + 1]


# Initialisms (U.S., U.N.) and common titles; a capitalised word like "Baku." still ends a sentence.
_ABBREVIATION = re.compile(r"(?:\b(?:[A-Za-z]\.){2,}|\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Col|Lt|Sgt|St|Jr|Sr|Dept|Inc|Ltd|Co|vs|etc|"
                           r"No|Vol|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|г|гг|им|т\.е|т\.к)\.)$")


def _sentences(paragraph: str) -> list[str]:
    """Sentences of a paragraph; "U.S." or "Dept." before a space does not end one."""
    out: list[str] = []
    for piece in (x.strip() for x in _SENTENCE_BREAK.split(paragraph)):
        if out and _ABBREVIATION.search(out[-1]):
            out[-1] = f"{out[-1]} {piece}"
        elif piece:
            out.append(piece)
    return out


def _split_end(sentence: str) -> tuple[str, str]:
    body = sentence.rstrip(_END)
    return body.rstrip(), sentence[len(body):]


def _has_words(text: str) -> bool:
    return any(ch.isalnum() for ch in text)
