"""A fake OpenAI-compatible server on 127.0.0.1: scripted chat replies, embeddings, a request log.

Each scripted reply is a dict: {"content": str} (200), {"status": 429, "headers": {...}},
{"status": 500}, {"delay": seconds, ...}. With no script left, `default` answers.
"""

from __future__ import annotations

import base64
import json
import threading
import time
from http.server import BaseHTTPRequestHandler

import numpy as np

from tests.fakes import HashEmbedder, LocalServer


class FakeOpenAI:
    def __init__(self):
        self.script: list[dict] = []
        self.default = lambda body: {"content": "NOT_IN_CORPUS"}
        self.requests: list[dict] = []  # {"path", "body", "time"}
        self.embeddings_status = 200
        self._lock = threading.Lock()
        self._embedder = HashEmbedder()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                with server._lock:
                    server.requests.append({"path": self.path, "body": body, "time": time.monotonic()})
                if self.path.endswith("/embeddings"):
                    return server._embeddings(self, body)
                if self.path.endswith("/chat/completions"):
                    return server._chat(self, body)
                self._send(404, {"error": {"message": "not found"}})

            def _send(self, status, payload, headers=None):
                try:
                    self._send_unchecked(status, payload, headers)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test)

            def _send_unchecked(self, status, payload, headers=None):
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

        self.Handler = Handler
        self.httpd = LocalServer(Handler)
        self.base_url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def close(self):
        self.httpd.close()

    # -- what the tests look at ---------------------------------------------------------
    def chat_requests(self) -> list[dict]:
        return [r for r in self.requests if r["path"].endswith("/chat/completions")]

    def prompt_text(self, i: int = -1) -> str:
        return "\n".join(m["content"] if isinstance(m["content"], str) else json.dumps(m["content"])
                         for m in self.chat_requests()[i]["body"]["messages"])

    # -- handlers --------------------------------------------------------------------------
    def _next(self, body) -> dict:
        with self._lock:
            if self.script:
                return self.script.pop(0)
        return self.default(body)

    def _chat(self, h, body):
        reply = self._next(body)
        if reply.get("delay"):
            time.sleep(reply["delay"])
        status = reply.get("status", 200)
        if "raw" in reply:  # a broken body, to test malformed replies
            data = reply["raw"].encode()
            h.send_response(status)
            h.send_header("Content-Type", "application/json")
            h.send_header("Content-Length", str(len(data)))
            h.end_headers()
            h.wfile.write(data)
            return
        if status != 200:
            try:
                return h._send(status, {"error": {"message": "scripted failure", "type": "server_error"}},
                               reply.get("headers"))
            except (BrokenPipeError, ConnectionResetError):
                return
        content = reply.get("content", "")
        if body.get("stream"):
            return self._stream(h, body, content, reply.get("chunk_delay", 0.0))
        h._send(200, {
            "id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()),
            "model": body.get("model", "fake"),
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content},
                         "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        })

    def _stream(self, h, body, content: str, chunk_delay: float):
        h.send_response(200)
        h.send_header("Content-Type", "text/event-stream")
        h.send_header("Transfer-Encoding", "chunked")
        h.end_headers()

        def chunk(payload: str):
            data = payload.encode()
            h.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
            h.wfile.flush()

        words = content.split(" ")
        try:
            for i, word in enumerate(words):
                piece = word + (" " if i < len(words) - 1 else "")
                event = {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": int(time.time()),
                         "model": body.get("model", "fake"),
                         "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}]}
                chunk(f"data: {json.dumps(event)}\n\n")
                if chunk_delay:
                    time.sleep(chunk_delay)
            end = {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": int(time.time()),
                   "model": body.get("model", "fake"), "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}
            chunk(f"data: {json.dumps(end)}\n\n")
            chunk("data: [DONE]\n\n")
            h.wfile.write(b"0\r\n\r\n")
            h.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _embeddings(self, h, body):
        if self.embeddings_status != 200:
            return h._send(self.embeddings_status, {"error": {"message": "scripted failure"}})
        texts = body["input"] if isinstance(body["input"], list) else [body["input"]]
        vecs = self._embedder.embed(texts)
        data = []
        for i, v in enumerate(vecs):
            emb = (base64.b64encode(np.asarray(v, dtype=np.float32).tobytes()).decode()
                   if body.get("encoding_format") == "base64" else v.tolist())
            data.append({"object": "embedding", "index": i, "embedding": emb})
        h._send(200, {"object": "list", "data": data, "model": body.get("model"),
                      "usage": {"prompt_tokens": 1, "total_tokens": 1}})
