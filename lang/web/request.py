"""One HTTP request as 4D code sees it, and the answer it builds (`Process.web` of a web process)."""

from __future__ import annotations

import html
from http import HTTPStatus
from http.cookies import CookieError, SimpleCookie
from typing import Any
from urllib.parse import parse_qsl

from ..values import Obj

HTTP_TEXT_LIMIT = 32 * 1024  # $http of the web database methods (httpRequests.md)


def reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


def _header_name(key: str) -> str:
    """`HTTP_X_FORWARDED_FOR` -> `X-Forwarded-For` (WSGI keeps no original case)."""
    return "-".join(w.capitalize() for w in key[5:].split("_"))


class WebRequest:
    """The request (verb, URL, headers, body, client) and the reply being built (status, headers, body)."""

    def __init__(self, server: Any, environ: dict[str, Any], body: bytes):
        self.server = server
        self.method = environ.get("REQUEST_METHOD", "GET").upper()
        uri = environ.get("REQUEST_URI") or (
            environ.get("PATH_INFO", "/") + ("?" + environ["QUERY_STRING"] if environ.get("QUERY_STRING") else "")
        )
        if uri.startswith(("http://", "https://")):  # absolute form: keep the path and query only
            rest = uri.split("://", 1)[1]
            uri = "/" + rest.split("/", 1)[1] if "/" in rest else "/"
        self.url = uri
        self.raw_path, _, self.query = uri.partition("?")
        self.path = ""  # the decoded path, set by the dispatch
        self.version = environ.get("SERVER_PROTOCOL", "HTTP/1.1")
        self.headers: list[tuple[str, str]] = []
        if environ.get("CONTENT_TYPE"):
            self.headers.append(("Content-Type", environ["CONTENT_TYPE"]))
        if environ.get("CONTENT_LENGTH"):
            self.headers.append(("Content-Length", environ["CONTENT_LENGTH"]))
        for k, v in environ.items():
            if k.startswith("HTTP_"):
                self.headers.append((_header_name(k), v))
        self.body = body
        ip = environ.get("REMOTE_ADDR", "") or ""
        self.client_ip = "::ffff:" + ip if ip and ":" not in ip else ip  # IPv4 in IPv6-mapped form (4D)
        self.server_ip = server.host_ip()
        self.session: Any = None
        self.cookie_out: str | None = None  # session ID to send in Set-Cookie
        self.token: str | None = None  # $4DSID of the query string
        # the reply
        self.status = 200
        self.reply_headers: list[tuple[str, str]] = []
        self.reply: bytes | None = None  # None: nothing sent yet
        self.content_type = "text/html; charset=UTF-8"
        self.redirect: str | None = None
        self.chunks: list[bytes] | None = None  # WEB SEND RAW DATA with *
        self.stream: Any = None  # an iterable body (large static files)
        self.home_page: str | None = None
        self.error: Any = None  # the 4D error that ended the request

    # ------------------------------------------------------------ reading
    def header(self, name: str) -> str:
        key = name.lower()
        for k, v in self.headers:
            if k.lower() == key:
                return v
        return ""

    def cookie(self, name: str) -> str | None:
        raw = self.header("Cookie")
        if not raw:
            return None
        jar: SimpleCookie = SimpleCookie()
        try:
            jar.load(raw)
        except CookieError:
            # a malformed cookie elsewhere in the header: look at each pair on its own
            for part in raw.split(";"):
                k, _, v = part.strip().partition("=")
                if k == name:
                    return v.strip().strip('"')
            return None
        m = jar.get(name)
        return m.value if m is not None else None

    def query_pairs(self, strip_token: bool = True) -> list[tuple[str, str]]:
        pairs = parse_qsl(self.query, keep_blank_values=True, errors="replace")
        return [(k, v) for k, v in pairs if not (strip_token and k == "$4DSID")]

    def form_pairs(self) -> list[tuple[str, str]]:
        """Fields of the submitted form: the query string, then a urlencoded POST body (`$4DSID` left out)."""
        pairs = self.query_pairs()
        if self.body and "application/x-www-form-urlencoded" in self.header("Content-Type").lower():
            text = self.body.decode("utf-8", "replace")
            pairs += [(k, v) for k, v in parse_qsl(text, keep_blank_values=True) if k != "$4DSID"]
        return pairs

    def http_text(self) -> str:
        """Request line, header lines and body as one text, cut at 32 KB ($http of the database methods)."""
        head = f"{self.method} {self.url} {self.version}\r\n"
        head += "".join(f"{k}: {v}\r\n" for k, v in self.headers) + "\r\n"
        text = head + self.body.decode("utf-8", "replace")
        return text[:HTTP_TEXT_LIMIT]

    # ------------------------------------------------------------ answering
    @property
    def answered(self) -> bool:
        return self.reply is not None or self.redirect is not None or self.chunks is not None or self.stream is not None

    def send(self, data: bytes, content_type: str, status: int | None = None) -> None:
        self.reply = data
        self.chunks = None
        self.stream = None
        self.content_type = content_type
        if status is not None:
            self.status = status

    def send_text(self, text: str, content_type: str = "text/html; charset=UTF-8", status: int | None = None) -> None:
        self.send(text.encode("utf-8"), content_type, status)

    def send_error(self, status: int, message: str = "") -> None:
        """An error answer: the root's custom page (404.html, 4xx.html) when there is one, else a short page."""
        page = self.server.error_page(status)
        if page is not None:
            self.send(page, "text/html; charset=UTF-8", status)
            return
        title = f"{status} {reason(status)}"
        text = f"<!DOCTYPE html>\n<html><head><title>{title}</title></head><body><h1>{title}</h1>"
        if message:
            text += f"<p>{html.escape(message)}</p>"
        self.send_text(text + "</body></html>\n", status=status)

    def set_header(self, name: str, value: str) -> None:
        """Set a reply header (replacing one of the same name; Set-Cookie lines add up)."""
        if name.lower() == "set-cookie":
            self.reply_headers.append((name, value))
            return
        self.reply_headers = [(k, v) for k, v in self.reply_headers if k.lower() != name.lower()]
        self.reply_headers.append((name, value))

    def render(self) -> tuple[str, list[tuple[str, str]], Any]:
        """Status line, headers and body iterable of the reply."""
        headers: list[tuple[str, str]] = []
        status = self.status
        body: Any
        if self.redirect is not None:
            status = 302
            override = next((v for k, v in self.reply_headers if k.lower() == "x-status"), "")
            if override.strip()[:3].isdigit():
                status = int(override.strip()[:3])
            headers.append(("Location", self.redirect))
            body = [b""]
            headers.append(("Content-Length", "0"))
        elif self.chunks is not None:
            body = [c for c in self.chunks if c]
        elif self.stream is not None:
            body = self.stream
        else:
            data = self.reply if self.reply is not None else b""
            body = [data]
            headers.append(("Content-Length", str(len(data))))
        if self.redirect is None and not any(k.lower() == "content-type" for k, _v in self.reply_headers):
            if self.reply is not None or self.chunks is not None or self.stream is not None:
                headers.append(("Content-Type", self.content_type))
        for k, v in self.reply_headers:
            kl = k.lower()
            if kl in ("content-length", "transfer-encoding", "connection", "x-status", "x-version", "date"):
                continue  # the server library writes framing headers itself
            if kl == "location" and self.redirect is not None:
                continue
            if kl == "x-status" or kl == "status":
                continue
            headers.append((k, v))
        if self.cookie_out is not None:
            headers.append(("Set-Cookie", self.server.cookie_header(self.cookie_out)))
        headers.append(("Server", self.server.server_header))
        return f"{status} {reason(status)}", headers, body

    def as_object(self) -> Obj:
        o = Obj()
        o.update({"url": self.url, "verb": self.method})
        return o
