"""Web Server: start and stop the web server, answer a request, read it, 4D tags (PROCESS 4D TAGS).

The server itself lives in mini4d.web (imported on first use): the commands that answer
a request act on the request of the calling web process and do nothing elsewhere.
"""

from __future__ import annotations

from typing import Any

from mini4d.errors import ERR_ARG_TYPE, ERR_ARG_VALUE, FourDError
from mini4d.registry import Ref, command, constant
from mini4d.values import Obj, to_text

constant("Web server database", 1, theme="Web Server")
constant("Web server host database", 2, "K73:31", theme="Web Server")
constant("Web server receiving request", 3, theme="Web Server")
constant("Web port ID", 15, theme="Web Server")
constant("Web IP address to listen", 16, theme="Web Server")
constant("Web character set", 17, theme="Web Server")
constant("Web max concurrent processes", 18, theme="Web Server")
constant("Web maximum requests size", 27, theme="Web Server")
constant("Web log recording", 29, theme="Web Server")
constant("Web HTTPS port ID", 39, theme="Web Server")
constant("Web session cookie domain", 81, theme="Web Server")
constant("Web session cookie path", 82, theme="Web Server")
constant("Web HTTP TRACE", 85, theme="Web Server")
constant("Web HTTP enabled", 88, theme="Web Server")
constant("Web HTTPS enabled", 89, theme="Web Server")
constant("Web scalable session", 90, theme="Web Server")
constant("Web CORS enabled", 92, theme="Web Server")
constant("Web CORS settings", 93, theme="Web Server")
constant("Web SameSite Strict", "Strict", theme="Web Server")
constant("Web SameSite Lax", "Lax", theme="Web Server")
constant("Web SameSite None", "None", theme="Web Server")
constant("Web server process", -13, "K36:18", theme="Process type")


def _server(ctx: Any) -> Any:
    from mini4d.web import web_server

    return web_server(ctx.runtime)


def _request(ctx: Any) -> Any:
    return getattr(ctx.process, "web", None)


# ---------------------------------------------------------------- start, stop, settings


@command("WEB START SERVER", 617, "Web Server")
def web_start_server(ctx: Any) -> None:
    """Start the web server (OK = 1 when it listens; the reason is printed on stderr otherwise)."""
    server = _server(ctx)
    if server.running:
        ctx.process.vars["ok"] = 1
        return
    result = server.start()
    ok = bool(result.get("success"))
    ctx.process.vars["ok"] = 1 if ok else 0
    if not ok:
        for err in result.get("errors", []):
            ctx.runtime.write(f"WEB START SERVER: {err['message']}\n", err=True)


@command("WEB STOP SERVER", 618, "Web Server")
def web_stop_server(ctx: Any) -> None:
    """Stop the web server: connections and web processes end, every web session closes."""
    _server(ctx).stop()


@command("WEB Is server running", 1313, "Web Server")
def web_is_server_running(ctx: Any) -> bool:
    """True while the web server runs."""
    server = ctx.runtime.extensions.get("web_server")
    return bool(server is not None and server.running)


@command("WEB Server", 1674, "Web Server")
def web_server_object(ctx: Any, option: int = 1) -> Any:
    """The 4D.WebServer object of the application (the same for every option: mini4d has no components)."""
    return _server(ctx)


@command("WEB Get server info", 1531, "Web Server")
def web_get_server_info(ctx: Any, with_cache: bool = False) -> Obj:
    """Runtime information on the web server (started, uptime, httpRequestCount, options, ...)."""
    return _server(ctx).info(with_cache)


def _option_name(selector: int) -> str:
    from mini4d.web.server import OPTION_NAMES

    name = OPTION_NAMES.get(selector)
    if name is None:
        raise FourDError(ERR_ARG_VALUE, f"WEB SET OPTION: unknown selector {selector}")
    return name


@command("WEB SET OPTION", 1210, "Web Server")
def web_set_option(ctx: Any, selector: int, value: Any) -> None:
    """Change a web server setting (port, listening address, maximum request size, ...): used at the next start."""
    name = _option_name(selector)
    server = _server(ctx)
    if name in ("HTTPPort", "HTTPSPort", "maxRequestSize", "maxConcurrentProcesses", "logRecording"):
        if type(value) not in (int, float) or type(value) is bool:
            raise FourDError(ERR_ARG_TYPE, "WEB SET OPTION: this selector takes a number")
        value = int(value)
        if name == "maxRequestSize" and not 500_000 <= value <= 2_147_483_647:
            raise FourDError(ERR_ARG_VALUE, "WEB SET OPTION: the maximum request size is 500000 to 2147483647")
    elif name in ("HTTPTrace", "HTTPEnabled", "HTTPSEnabled", "CORSEnabled", "scalableSession"):
        value = bool(value) if type(value) is bool else bool(int(value)) if type(value) in (int, float) else value
    if name == "sessionCookieNameLegacy":
        return  # ignored with scalable sessions (web-set-option)
    server.options[name] = value


@command("WEB GET OPTION", 1209, "Web Server")
def web_get_option(ctx: Any, selector: int, value: Ref) -> None:
    """Read a web server setting into a variable."""
    name = _option_name(selector)
    v = _server(ctx).get_4d_property(name)
    value.set(float(v) if type(v) is int else v)


@command("WEB SET ROOT FOLDER", 634, "Web Server")
def web_set_root_folder(ctx: Any, folder: str) -> None:
    """New root folder of the pages (a path relative to the project folder, or absolute); used at the next start."""
    from pathlib import Path

    server = _server(ctx)
    p = Path(folder.replace(":", "/") if ":" in folder and not Path(folder).is_absolute() else folder)
    if not p.is_absolute():
        base = server.project_root or Path.cwd()
        p = base / p
    if not p.is_dir():
        ctx.process.vars["ok"] = 0
        raise FourDError(-43, f"WEB SET ROOT FOLDER: the folder {folder} does not exist")
    server.options["rootFolder"] = str(p)


@command("WEB SET HOME PAGE", 639, "Web Server")
def web_set_home_page(ctx: Any, page: str) -> None:
    """Home page: for the session of the calling web process, or for every client outside one ("" = none)."""
    server = _server(ctx)
    req = _request(ctx)
    if req is not None and req.session is not None:
        server.home_pages[req.session.id] = page
    else:
        server.options["defaultHomepage"] = page


# ---------------------------------------------------------------- answering a request


def _blob(v: Any, cmd: str) -> bytes:
    if isinstance(v, (bytes, bytearray)):
        return bytes(v)
    if type(v) is str:
        return v.encode("utf-8")
    raise FourDError(ERR_ARG_TYPE, f"{cmd}: a Blob was expected")


def _process_tags(ctx: Any, text: str) -> str:
    from mini4d.web.templates import TagProcessor

    server = _server(ctx)
    return TagProcessor(ctx.runtime, ctx.process, base=server.root, root=server.root, web=True).process(text)


@command("WEB SEND TEXT", 677, "Web Server")
def web_send_text(ctx: Any, text: str, content_type: str = "") -> None:
    """Answer the request with a text (text/html unless a type is given); 4D tags in it are processed."""
    req = _request(ctx)
    if req is None:
        return
    kind = content_type or "text/html"
    if kind.startswith("text/html") or not content_type:
        text = _process_tags(ctx, text)
    if "charset" not in kind and kind.startswith("text/"):
        kind += "; charset=UTF-8"
    req.send_text(text, kind)


@command("WEB SEND BLOB", 654, "Web Server")
def web_send_blob(ctx: Any, blob: Any, content_type: str = "") -> None:
    """Answer with the bytes of a Blob; the type is a MIME type or an extension (".gif")."""
    from mini4d.web.static import mime_type, with_charset

    req = _request(ctx)
    if req is None:
        return
    data = _blob(blob, "WEB SEND BLOB")
    kind = content_type
    if kind.startswith("."):
        kind = mime_type("x" + kind)
    kind = kind or "application/octet-stream"
    if kind.startswith("text/html"):
        data = _process_tags(ctx, data.decode("utf-8", "replace")).encode("utf-8")
    req.send(data, with_charset(kind))


@command("WEB SEND FILE", 619, "Web Server")
def web_send_file(ctx: Any, path: str) -> None:
    """Answer with a file of the root folder (tags processed in .htm/.html/.shtm/.shtml); OK = 1 when sent."""
    from mini4d.web.static import mime_type, resolve, with_charset

    req = _request(ctx)
    if req is None:
        return  # outside a web process: ignored (web-send-file)
    server = _server(ctx)
    p = resolve(server.root, path.replace("\\", "/"))
    if p is None or not p.is_file():
        ctx.process.vars["ok"] = 0
        raise FourDError(-43, f"WEB SEND FILE: the file {path} was not found in the web folder")
    data = p.read_bytes()
    if p.suffix.lower() in (".htm", ".html", ".shtm", ".shtml"):
        from mini4d.web.templates import TagProcessor

        text = TagProcessor(ctx.runtime, ctx.process, base=p.parent, root=server.root, web=True).process(
            data.decode("utf-8", "replace")
        )
        data = text.encode("utf-8")
    req.send(data, with_charset(mime_type(p)))
    ctx.process.vars["ok"] = 1


@command("WEB SEND HTTP REDIRECT", 659, "Web Server")
def web_send_http_redirect(ctx: Any, url: str, *, star: bool = False) -> None:
    """Redirect the client (302, or the X-STATUS header's); wins over any other answer of the method."""
    from urllib.parse import quote

    req = _request(ctx)
    if req is None:
        return
    if "\r" in url or "\n" in url:
        raise FourDError(ERR_ARG_VALUE, "WEB SEND HTTP REDIRECT: the URL holds a line break")
    req.redirect = url if star else quote(url, safe="/:?&=#%+@;,$!~*'()")


@command("WEB SEND RAW DATA", 815, "Web Server")
def web_send_raw_data(ctx: Any, data: Any, *, star: bool = False) -> None:
    """Answer with a raw HTTP reply (header and body); with * the body goes out in chunks, one per call."""
    import io
    from http.client import parse_headers

    req = _request(ctx)
    if req is None:
        return
    raw = _blob(data, "WEB SEND RAW DATA")
    if star and req.chunks is not None:
        req.chunks.append(raw)
        return
    head, sep, body = raw.partition(b"\r\n\r\n")
    if not sep:
        head, sep, body = raw.partition(b"\n\n")
    if not sep:
        head, body = b"", raw
    lines = head.split(b"\n", 1) if head else [b""]
    status = 200
    first = lines[0].strip()
    fields = head
    if first.upper().startswith(b"HTTP/"):
        parts = first.split()
        if len(parts) >= 2 and parts[1].isdigit():
            status = int(parts[1])
        fields = lines[1] if len(lines) > 1 else b""
    msg = parse_headers(io.BytesIO(fields.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n") + b"\r\n"))
    for k, v in msg.items():
        if k.lower() == "location" and status == 200:
            status = 302  # a lone Location: line makes a redirection (web-send-raw-data)
        if k.lower() == "content-type":
            req.content_type = v
        else:
            req.set_header(k, v)
    req.status = status
    if star:
        req.reply = None
        req.chunks = [body]
    else:
        req.send(body, req.content_type, status)


@command("WEB SET HTTP HEADER", 660, "Web Server")
def web_set_http_header(ctx: Any, header: Ref, values: Ref | None = None) -> None:
    """Set reply header fields: a text of lines (may start with a status line), or two arrays of names and values."""
    req = _request(ctx)
    if req is None:
        return
    pairs: list[tuple[str, str]] = []
    if values is not None:
        names, vals = header.get(), values.get()
        if not getattr(names, "is_4d_array", False) or not getattr(vals, "is_4d_array", False):
            raise FourDError(ERR_ARG_TYPE, "WEB SET HTTP HEADER: two text arrays were expected")
        pairs = [(to_text(n), to_text(v)) for n, v in zip(names.items[1:], vals.items[1:], strict=False)]
    else:
        text = header.get()
        if type(text) is not str:
            raise FourDError(ERR_ARG_TYPE, "WEB SET HTTP HEADER: a text was expected")
        for line in text.replace("\r\n", "\r").replace("\n", "\r").split("\r"):
            if not line.strip():
                continue
            if line.upper().startswith("HTTP/"):
                pairs.append(("X-STATUS", line.split(None, 1)[1] if " " in line else ""))
                continue
            name, sep, value = line.partition(":")
            if sep:
                pairs.append((name.strip(), value.strip()))
    for name, value in pairs:
        if "\r" in name + value or "\n" in name + value:
            raise FourDError(ERR_ARG_VALUE, "WEB SET HTTP HEADER: a field holds a line break")
        up = name.upper()
        if up == "X-STATUS":
            code = value.strip()[:3]
            if code.isdigit():
                req.status = int(code)
            req.set_header("X-STATUS", value)
        elif up == "X-VERSION":
            continue
        elif up == "CONTENT-TYPE":
            req.content_type = value
            req.set_header(name, value)
        else:
            req.set_header(name, value)


web_set_http_header.command_info.ref_positions = frozenset({0, 1})  # type: ignore[attr-defined]


# ---------------------------------------------------------------- reading a request


def _text_array(ref: Any, cmd: str) -> Any:
    from mini4d.core.api import Array4D

    arr = ref.get() if isinstance(ref, Ref) else ref
    if not getattr(arr, "is_4d_array", False):
        arr = Array4D("text", 0, name=getattr(ref, "name", ""))
        if not isinstance(ref, Ref):
            raise FourDError(ERR_ARG_TYPE, f"{cmd}: an array was expected")
        ref.set(arr)
    return arr


@command("WEB GET VARIABLES", 683, "Web Server")
def web_get_variables(ctx: Any, names: Ref, values: Ref) -> None:
    """Names and values (as text) of the fields of the submitted form: query string and urlencoded body."""
    n_arr = _text_array(names, "WEB GET VARIABLES")
    v_arr = _text_array(values, "WEB GET VARIABLES")
    req = _request(ctx)
    pairs = req.form_pairs() if req is not None else []
    n_arr.resize(0)
    v_arr.resize(0)
    for k, v in pairs:
        n_arr.append(k)
        v_arr.append(v)


web_get_variables.command_info.ref_positions = frozenset({0, 1})  # type: ignore[attr-defined]


@command("WEB GET HTTP HEADER", 697, "Web Server")
def web_get_http_header(ctx: Any, header: Ref, values: Ref | None = None) -> None:
    """The request's header: as one text (request line and fields, CR+LF), or as two arrays (X-METHOD, X-URL, ...)."""
    req = _request(ctx)
    if values is None:
        if req is None:
            header.set("")
            return
        text = f"{req.method} {req.url} {req.version}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in req.headers)
        header.set(text)
        return
    n_arr = _text_array(header, "WEB GET HTTP HEADER")
    v_arr = _text_array(values, "WEB GET HTTP HEADER")
    n_arr.resize(0)
    v_arr.resize(0)
    if req is None:
        return
    for k, v in [("X-METHOD", req.method), ("X-URL", req.url), ("X-VERSION", req.version), *req.headers]:
        n_arr.append(k)
        v_arr.append(v)


web_get_http_header.command_info.ref_positions = frozenset({0, 1})  # type: ignore[attr-defined]


@command("WEB GET HTTP BODY", 814, "Web Server")
def web_get_http_body(ctx: Any, body: Ref) -> None:
    """The raw body of the request, into a Text (decoded as UTF-8) or a Blob variable."""
    req = _request(ctx)
    data = req.body if req is not None else b""
    cur = body.get()
    if isinstance(cur, (bytes, bytearray)) or cur is None:
        body.set(bytes(data))
    else:
        body.set(data.decode("utf-8", "replace"))


web_get_http_body.command_info.ref_positions = frozenset({0})  # type: ignore[attr-defined]


@command("WEB Get current session ID", 1162, "Web Server")
def web_get_current_session_id(ctx: Any) -> str:
    """UUID of the web session of the calling web process; "" outside one."""
    from mini4d.core.api import WebSession

    s = ctx.process.session
    return s.id if isinstance(s, WebSession) else ""


@command("WEB Is secured connection", 698, "Web Server")
def web_is_secured_connection(ctx: Any) -> bool:
    """False: mini4d's web server speaks HTTP only."""
    return False


# ---------------------------------------------------------------- 4D tags


@command("PROCESS 4D TAGS", 816, "Tools")
def process_4d_tags(ctx: Any, template: Any, result: Ref, *params: Any) -> None:
    """Run the 4D tags of a template (4DTEXT, 4DHTML, 4DEVAL, 4DIF, 4DEACH, 4DLOOP, ...); params are $1..$n in tags."""
    from pathlib import Path

    from mini4d.web.templates import TagProcessor

    if isinstance(template, (bytes, bytearray)):
        template = bytes(template).decode("utf-8", "replace")
    if type(template) is not str:
        raise FourDError(ERR_ARG_TYPE, "PROCESS 4D TAGS: the template must be a Text or a Blob")
    rt = ctx.runtime
    root = rt.project.root
    base = Path(root) / "Project" if root is not None else Path.cwd()
    req = _request(ctx)
    web_root = None
    if req is not None:
        web_root = _server(ctx).root
    out = TagProcessor(rt, ctx.process, base=base, root=web_root, web=False, params=list(params)).process(
        template, dollar=True
    )
    cur = result.get()
    result.set(out.encode("utf-8") if isinstance(cur, (bytes, bytearray)) else out)


process_4d_tags.command_info.ref_positions = frozenset({1})  # type: ignore[attr-defined]
