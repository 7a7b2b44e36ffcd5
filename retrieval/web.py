"""Fetching an article page by URL, safely: the one module that makes outbound web requests.

A link pasted by an admin must not become a way into the server's own network: every hop
(redirects included) must resolve only to public addresses, unless its host or network is in
the explicit allowlist. Timeouts, a size cap and a content-type check keep slow, huge and
non-HTML responses out.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urljoin, urlparse

import httpx

from .errors import LoadError

MAX_REDIRECTS = 5
HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass
class Page:
    url: str  # after redirects
    html: str


class FetchRefused(LoadError):
    """The URL is malformed, private, unreachable, too slow, too big, or not a web page."""


def _allowed(host: str, addresses: list[str], allowlist: list[str]) -> bool:
    for entry in allowlist:
        entry = entry.strip().lower()
        if not entry:
            continue
        if entry == host.lower():
            return True
        try:
            net = ipaddress.ip_network(entry, strict=False)
        except ValueError:
            continue
        if addresses and all(ipaddress.ip_address(a) in net for a in addresses):
            return True
    return False


def check_url(url: str, allowlist: list[str]) -> None:
    """Raise FetchRefused unless the URL is http(s) and every address it resolves to is public."""
    parts = urlparse(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchRefused("bad_url")
    host = parts.hostname
    try:
        infos = socket.getaddrinfo(host, parts.port or (443 if parts.scheme == "https" else 80),
                                   proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError):
        raise FetchRefused("unknown_host", host=host) from None
    addresses = sorted({info[4][0] for info in infos})
    if _allowed(host, addresses, allowlist):
        return
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if not ip.is_global or ip.is_multicast:
            # loopback, private, link-local (cloud metadata at 169.254.169.254), reserved, ...
            raise FetchRefused("private_address", ip=str(ip))


def fetch(url: str, *, allowlist: list[str], timeout: float = 15.0, max_bytes: int = 5 * 1024 * 1024) -> Page:
    current = url.strip()
    with httpx.Client(timeout=timeout, follow_redirects=False,
                      headers={"User-Agent": "talks-bot/0.1 (+article fetcher)"}) as client:
        for _ in range(MAX_REDIRECTS + 1):
            check_url(current, allowlist)
            try:
                with client.stream("GET", current) as resp:
                    if resp.is_redirect:
                        current = urljoin(current, resp.headers.get("location", ""))
                        continue
                    if resp.status_code >= 400:
                        raise FetchRefused("http_status", status=resp.status_code)
                    ctype = resp.headers.get("content-type", "").split(";")[0].strip().lower()
                    if ctype and ctype not in HTML_TYPES:
                        raise FetchRefused("not_html", ctype=ctype)
                    declared = int(resp.headers.get("content-length") or 0)
                    if declared > max_bytes:
                        raise FetchRefused("page_too_big", limit=max_bytes / 1e6)
                    body = bytearray()
                    for chunk in resp.iter_bytes():
                        body += chunk
                        if len(body) > max_bytes:
                            raise FetchRefused("page_too_big", limit=max_bytes / 1e6)
                    encoding = resp.encoding or "utf-8"
                    return Page(str(resp.url), bytes(body).decode(encoding, errors="replace"))
            except httpx.TimeoutException:
                raise FetchRefused("timeout", seconds=timeout) from None
            except httpx.HTTPError as exc:
                raise FetchRefused("unreachable", detail=type(exc).__name__) from None
    raise FetchRefused("redirects")
