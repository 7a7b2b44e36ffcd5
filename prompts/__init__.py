"""Prompt files and their loader.

Each prompt is a text file whose first line declares its variables:
    # variables: question, passages
The body uses $name placeholders (string.Template). Rendering with a missing or an undeclared
variable raises, so a prompt and the code that fills it cannot drift apart silently.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from string import Template

DIR = Path(__file__).resolve().parent
_HEADER = re.compile(r"^#\s*variables:\s*(.*)$")


class PromptError(Exception):
    pass


@lru_cache(maxsize=None)
def load(name: str) -> tuple[frozenset[str], Template]:
    path = DIR / f"{name}.txt"
    if not path.exists():
        raise PromptError(f"no prompt named {name!r} in {DIR}")
    first, _, body = path.read_text(encoding="utf-8").partition("\n")
    match = _HEADER.match(first)
    if not match:
        raise PromptError(f"{path.name} must start with '# variables: a, b'")
    declared = frozenset(v.strip() for v in match.group(1).split(",") if v.strip())
    used = {m.group("named") or m.group("braced") for m in Template.pattern.finditer(body)} - {None}
    if used != declared:
        raise PromptError(f"{path.name}: declared {sorted(declared)} but uses {sorted(used)}")
    return declared, Template(body)


def render(name: str, **values: str) -> str:
    declared, template = load(name)
    missing, extra = declared - values.keys(), values.keys() - declared
    if missing or extra:
        raise PromptError(f"prompt {name!r}: missing {sorted(missing)}, undeclared {sorted(extra)}")
    return template.substitute(values)
