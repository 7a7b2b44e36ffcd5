"""A local web site on 127.0.0.1 serving article pages and every kind of bad response."""

from __future__ import annotations

import time
from http.server import BaseHTTPRequestHandler

from tests.fakes import LocalServer

ARTICLE_HTML = """<!doctype html><html lang="ar"><head><meta charset="utf-8">
<title>قمة سوتشي تبحث ممر زنغزور</title>
<meta property="og:title" content="قمة سوتشي تبحث ممر زنغزور">
<meta property="article:published_time" content="2022-10-31T10:00:00+03:00">
<meta property="og:site_name" content="وكالة الاختبار">
</head><body><nav>الرئيسية | أخبار | رياضة</nav>
<article><h1>قمة سوتشي تبحث ممر زنغزور</h1>
<p>استضاف الرئيس الروسي فلاديمير بوتين في سوتشي رئيس الوزراء الأرمني نيكول باشينيان والرئيس الأذربيجاني إلهام علييف لبحث فتح ممر زنغزور وطرق النقل في المنطقة.</p>
<p>واتفق القادة الثلاثة على عدم استخدام القوة ومواصلة العمل على ترسيم الحدود بين أرمينيا وأذربيجان، بحسب البيان المشترك الصادر في ختام القمة.</p>
</article><footer>جميع الحقوق محفوظة</footer></body></html>"""


class FakeSite:
    def __init__(self):
        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                route = self.path.split("?")[0]
                try:
                    if route == "/article":
                        self._send(200, "text/html; charset=utf-8", ARTICLE_HTML.encode())
                    elif route == "/slow":
                        time.sleep(3)
                        self._send(200, "text/html", ARTICLE_HTML.encode())
                    elif route == "/huge":
                        self._send(200, "text/html", b"<html><body>" + b"a " * 3_000_000 + b"</body></html>")
                    elif route == "/pdf":
                        self._send(200, "application/pdf", b"%PDF-1.4 ...")
                    elif route == "/menu":
                        self._send(200, "text/html", b"<html><body><nav>menu</nav></body></html>")
                    elif route == "/to-metadata":
                        self.send_response(302)
                        self.send_header("Location", "http://169.254.169.254/latest/meta-data/")
                        self.send_header("Content-Length", "0")
                        self.end_headers()
                    else:
                        self._send(404, "text/html", b"not found")
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def _send(self, status, ctype, data):
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.httpd = LocalServer(Handler)
        self.base = f"http://127.0.0.1:{self.httpd.port}"

    def close(self):
        self.httpd.close()
