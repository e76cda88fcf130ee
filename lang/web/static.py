"""Files of the web root folder: safe path resolution and MIME types.

The root is a hard limit: a URL path is percent-decoded once, and `..` segments,
backslashes, NUL bytes, absolute paths and symlinks leading outside the root are refused
(the request then gets "not found", as in 4D).
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote_to_bytes

# Extension -> MIME type (web.md §3.6; 4D keeps its list in MimeTypes.xml).
MIME_TYPES = {
    ".htm": "text/html",
    ".html": "text/html",
    ".shtm": "text/html",
    ".shtml": "text/html",
    ".css": "text/css",
    ".js": "application/javascript",
    ".mjs": "application/javascript",
    ".json": "application/json",
    ".txt": "text/plain",
    ".text": "text/plain",
    ".xml": "application/xml",
    ".xsl": "application/xml",
    ".gif": "image/gif",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".svg": "image/svg+xml",
    ".ico": "image/x-icon",
    ".webp": "image/webp",
    ".pdf": "application/pdf",
    ".zip": "application/x-zip",
    ".wasm": "application/wasm",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
}
TEXT_TYPES = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")
# Pages whose 4D tags are processed when they are requested by URL (templates: .htm/.html are not).
PARSED_SUFFIXES = (".shtm", ".shtml", ".xml", ".xsl")


def mime_type(path: str | Path) -> str:
    """The MIME type of a file from its extension (application/octet-stream when unknown)."""
    return MIME_TYPES.get(os.path.splitext(str(path))[1].lower(), "application/octet-stream")


def with_charset(mime: str) -> str:
    """Text types are sent as UTF-8."""
    if mime.startswith(TEXT_TYPES) and "charset" not in mime:
        return mime + "; charset=UTF-8"
    return mime


def decode_url_path(raw: str) -> str | None:
    """The path of a request URL, percent-decoded once as UTF-8; None when it cannot be a safe file path."""
    try:
        text = unquote_to_bytes(raw).decode("utf-8")
    except UnicodeDecodeError:
        return None
    if "\x00" in text or "\\" in text:
        return None
    return text


def resolve(root: Path, url_path: str) -> Path | None:
    """The file under `root` that `url_path` (already decoded) names, or None when it is outside or absent."""
    parts = [p for p in url_path.split("/") if p not in ("", ".")]
    if any(p == ".." or ":" in p for p in parts):
        return None
    candidate = root.joinpath(*parts) if parts else root
    try:
        real_root = root.resolve(strict=True)
        real = candidate.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if real != real_root and real_root not in real.parents:
        return None  # a symlink leading outside the root
    return real


def inside(root: Path, path: Path) -> bool:
    """True when `path` (resolved) is the root or below it."""
    try:
        real_root = root.resolve(strict=True)
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return False
    return real == real_root or real_root in real.parents
