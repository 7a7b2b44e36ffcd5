from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED_CORPUS = ROOT / "corpus"
DATA = ROOT / "tests" / "data"  # small evaluation files the tests need, inside the repository

sys.path.insert(0, str(ROOT))

from retrieval.embeddings import CachedEmbedder, LocalE5Embedder  # noqa: E402
from retrieval.loaders import load_corpus  # noqa: E402
from tests.fakes import HashEmbedder  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def fake_embedder() -> HashEmbedder:
    return HashEmbedder()


@pytest.fixture(scope="session")
def real_embedder(tmp_path_factory) -> CachedEmbedder:
    """The bundled multilingual model, cached for the session: seed passages are embedded once."""
    return CachedEmbedder(LocalE5Embedder(), tmp_path_factory.mktemp("emb") / "cache.sqlite")


@pytest.fixture(scope="session")
def seed_articles():
    articles = load_corpus(SEED_CORPUS).articles
    assert len(articles) == 5
    return articles


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory):
    """A real `chroma run` server on 127.0.0.1, for the store tests against a server."""
    exe = shutil.which("chroma") or str(Path(sys.executable).with_name("chroma"))
    port = free_port()
    path = tmp_path_factory.mktemp("chroma-server")
    proc = subprocess.Popen([exe, "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError("chroma run exited") from None
            time.sleep(0.2)
    else:
        proc.kill()
        raise RuntimeError("chroma run did not start")
    yield ("127.0.0.1", port)
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture
def fake_openai():
    from tests.fake_openai import FakeOpenAI

    server = FakeOpenAI()
    yield server
    server.close()


@pytest.fixture
def tg():
    """A fake Telegram Bot API server."""
    from tests.fake_telegram import FakeTelegram

    fake = FakeTelegram()
    yield fake
    fake.close()


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory, real_embedder, seed_articles):
    """The seed corpus indexed once with the real model; tests must not change it."""
    from retrieval.index import Index
    from retrieval.ingest import ingest

    index = Index(tmp_path_factory.mktemp("seed-index"), real_embedder)
    ingest(index, seed_articles)
    return index
