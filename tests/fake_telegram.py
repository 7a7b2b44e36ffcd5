"""A fake Telegram Bot API server on 127.0.0.1: queued updates for getUpdates, every call logged.

python-telegram-bot posts form data with JSON-encoded values to /bot<token>/<method>; files are
served at /file/bot<token>/<path>. Methods can be made to fail once with a 429 and retry_after.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs

from tests.fakes import LocalServer

BOT_ID = 999
BOT_USERNAME = "talks_test_bot"


class FakeTelegram:
    def __init__(self, token: str = "123:TEST"):
        self.token = token
        self.calls: list[dict] = []  # {"method", "params", "time"}
        self.files: dict[str, bytes] = {}  # file_id -> content
        self.downloads: list[str] = []
        self.flood: dict[str, int] = {}  # method -> retry_after seconds, applied once
        # (method, params) -> an HTTP status to fail this call with (429 comes with retry_after 1), or None
        self.fail = None
        self._updates: list[dict] = []
        self._next_update = 1
        self._next_message = 1000
        self._cv = threading.Condition()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                from urllib.parse import unquote

                prefix = f"/file/bot{server.token}/"
                self.path = unquote(self.path)
                server.downloads.append(self.path)
                if self.path.startswith(prefix) and self.path[len(prefix):] in server.files:
                    data = server.files[self.path[len(prefix):]]
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                else:
                    self._json(404, {"ok": False, "error_code": 404, "description": "Not Found"})

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                raw = self.rfile.read(length)
                params = server._parse(self.headers.get("Content-Type", ""), raw)
                method = self.path.rsplit("/", 1)[-1]
                status, payload = server._handle(method, params)
                self._json(status, payload)

            def _json(self, status, payload):
                data = json.dumps(payload).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the bot hung up on a long poll while stopping

        self.httpd = LocalServer(Handler)
        port = self.httpd.server_address[1]
        self.base_url = f"http://127.0.0.1:{port}/bot"
        self.file_base_url = f"http://127.0.0.1:{port}/file/bot"

    def close(self):
        with self._cv:
            self._cv.notify_all()
        self.httpd.close()

    # -- building updates -------------------------------------------------------------------
    def push(self, update: dict) -> int:
        with self._cv:
            update = {"update_id": self._next_update, **update}
            self._next_update += 1
            self._updates.append(update)
            self._cv.notify_all()
        return update["update_id"]

    def message(self, text: str, chat_id: int = 111, user_id: int | None = None, chat_type: str = "private",
                lang: str = "ar", reply_to: dict | None = None, entities: list | None = None, **extra) -> int:
        msg = {"message_id": self._new_message_id(), "date": int(time.time()),
               "chat": {"id": chat_id, "type": chat_type, **({"title": "g"} if chat_type != "private" else {})},
               "from": {"id": user_id or chat_id, "is_bot": False, "first_name": "U", "language_code": lang},
               **extra}
        if text is not None:
            msg["text"] = text
            if entities is None and text.startswith("/"):
                entities = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
            if entities:
                msg["entities"] = entities
        if reply_to:
            msg["reply_to_message"] = reply_to
        return self.push({"message": msg})

    def callback(self, data: str, message: dict, user_id: int = 111, lang: str = "ar") -> int:
        return self.push({"callback_query": {"id": str(self._new_message_id()), "chat_instance": "ci", "data": data,
                                             "from": {"id": user_id, "is_bot": False, "first_name": "U",
                                                      "language_code": lang},
                                             "message": message}})

    # -- what tests look at ---------------------------------------------------------------
    def sent(self, method: str = "sendMessage", chat_id: int | None = None) -> list[dict]:
        return [c["params"] for c in list(self.calls)
                if c["method"] == method and (chat_id is None or int(c["params"].get("chat_id", 0)) == chat_id)]

    def wait_for(self, predicate, timeout: float = 30.0) -> None:
        deadline = time.time() + timeout
        while time.time() < deadline:
            if predicate():
                return
            time.sleep(0.05)
        raise AssertionError(f"timed out; calls: {[c['method'] for c in self.calls]}")

    # -- internals --------------------------------------------------------------------------
    def _new_message_id(self) -> int:
        self._next_message += 1
        return self._next_message

    @staticmethod
    def _parse(content_type: str, raw: bytes) -> dict:
        if "json" in content_type:
            return json.loads(raw or b"{}")
        if "multipart/form-data" in content_type:  # an upload (sendPhoto): files kept as bytes
            from email.parser import BytesParser
            from email.policy import default

            msg = BytesParser(policy=default).parsebytes(f"Content-Type: {content_type}\r\n\r\n".encode() + raw)
            params = {}
            for part in msg.iter_parts():
                name = part.get_param("name", header="content-disposition")
                data = part.get_payload(decode=True) or b""
                if part.get_filename():
                    params[name] = data
                else:
                    value = data.decode()
                    try:
                        params[name] = json.loads(value)
                    except json.JSONDecodeError:
                        params[name] = value
            return params
        params = {}
        for key, values in parse_qs(raw.decode(), keep_blank_values=True).items():
            value = values[0]
            try:
                params[key] = json.loads(value)
            except json.JSONDecodeError:
                params[key] = value
        return params

    def _bot_message(self, params: dict) -> dict:
        return {"message_id": self._new_message_id(), "date": int(time.time()),
                "chat": {"id": int(params.get("chat_id", 0)), "type": "private"},
                "from": {"id": BOT_ID, "is_bot": True, "first_name": "Talks", "username": BOT_USERNAME},
                "text": params.get("text", "")}

    def _handle(self, method: str, params: dict):
        if method != "getUpdates":
            self.calls.append({"method": method, "params": params, "time": time.monotonic()})
        code = self.fail(method, params) if self.fail is not None and method != "getUpdates" else None
        if code == 429:
            return 429, {"ok": False, "error_code": 429, "description": "Too Many Requests: retry after 1",
                         "parameters": {"retry_after": 1}}
        if code:
            return code, {"ok": False, "error_code": code, "description": "Internal Server Error"}
        if method in self.flood:
            retry = self.flood.pop(method)
            return 429, {"ok": False, "error_code": 429, "description": f"Too Many Requests: retry after {retry}",
                         "parameters": {"retry_after": retry}}
        if method == "getMe":
            return 200, {"ok": True, "result": {"id": BOT_ID, "is_bot": True, "first_name": "Talks",
                                                "username": BOT_USERNAME, "can_join_groups": True,
                                                "can_read_all_group_messages": False,
                                                "supports_inline_queries": False}}
        if method == "getUpdates":
            return 200, {"ok": True, "result": self._get_updates(params)}
        if method == "sendPhoto":
            msg = self._bot_message(params)
            msg.pop("text")
            msg["photo"] = [{"file_id": "p1", "file_unique_id": "p1", "width": 800, "height": 600}]
            return 200, {"ok": True, "result": msg}
        if method in ("sendMessage", "editMessageText"):
            msg = self._bot_message(params)
            if method == "editMessageText":
                msg["message_id"] = int(params.get("message_id", 0))
            return 200, {"ok": True, "result": msg}
        if method == "getFile":
            file_id = params.get("file_id")
            if file_id not in self.files:
                return 400, {"ok": False, "error_code": 400, "description": "Bad Request: invalid file_id"}
            return 200, {"ok": True, "result": {"file_id": file_id, "file_unique_id": file_id,
                                                "file_size": len(self.files[file_id]), "file_path": file_id}}
        # deleteWebhook, setMyCommands, sendChatAction, answerCallbackQuery, ...
        return 200, {"ok": True, "result": True}

    def _get_updates(self, params: dict) -> list[dict]:
        offset = int(params.get("offset") or 0)
        timeout = min(float(params.get("timeout") or 0), 1.0)  # keep long polls short in tests
        deadline = time.time() + timeout
        with self._cv:
            # As Telegram does: asking from an offset confirms, and forgets, every earlier update.
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
            while True:
                ready = [u for u in self._updates if u["update_id"] >= offset]
                if ready or time.time() >= deadline:
                    return ready
                self._cv.wait(max(0.0, deadline - time.time()))
