"""Deterministic stand-ins that plug into the project's seams (no mocks, no network)."""

from __future__ import annotations

import hashlib
import sys
import threading
from http.server import ThreadingHTTPServer

import numpy as np

from retrieval.normalize import tokenize


class HashEmbedder:
    """Bag of stemmed tokens hashed into 384 dims: similar texts get similar vectors, instantly.

    Counts every text it embeds, so tests can prove what an ingest did or did not re-embed.
    """

    model_id = "test/hash-384"
    dim = 384
    similarity_range = None

    def __init__(self):
        self.calls = 0
        self.texts_embedded = 0

    def embed(self, texts, *, query: bool = False) -> np.ndarray:
        texts = list(texts)
        self.calls += 1
        self.texts_embedded += len(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for token in tokenize(text) or ["<empty>"]:
                h = int.from_bytes(hashlib.blake2b(token.encode(), digest_size=8).digest(), "little")
                out[row, h % self.dim] += 1.0 if (h >> 20) & 1 else -1.0
            norm = np.linalg.norm(out[row])
            out[row] = out[row] / norm if norm else 1.0 / np.sqrt(self.dim)
        return out


class LocalServer(ThreadingHTTPServer):
    """The fakes' HTTP server on 127.0.0.1: many clients at once, quiet when a client hangs up."""

    request_queue_size = 256
    daemon_threads = True

    def __init__(self, handler):
        super().__init__(("127.0.0.1", 0), handler)
        self.port = self.server_address[1]
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            super().handle_error(request, client_address)

    def close(self):
        self.shutdown()
        self.server_close()
