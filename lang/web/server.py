"""The web server: settings, start and stop on cheroot, and the dispatch of each request.

Dispatch order (web.md §3.1): the session (cookie `4DSID_<AppName>`, or a `$4DSID`
one-time passcode), then custom HTTP handlers, `/rest/...`, `/4DACTION/...`, an existing
file of the root folder (`.shtml` pages parsed), and last `On Web Authentication` +
`On Web Connection`. A request that runs 4D code runs it on the server's worker thread as a
new 4D process of its web session; a 4D error ends that request with a 500 answer and
nothing else (the session keeps its storage, the server keeps serving).
"""

from __future__ import annotations

import base64
import contextlib
import threading
import time
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import ERR_INTERRUPTED, FourDError, format_error
from ..runtime import WebSession
from ..values import UNDEFINED, Coll, Obj
from .request import WebRequest
from .roles import Roles, RolesError
from .static import PARSED_SUFFIXES, decode_url_path, mime_type, resolve, with_charset

MAX_SESSIONS = 50_000  # open web sessions; past it a new client gets 503 (mini4d decision, web.md §7)
SWEEP_INTERVAL = 5.0  # seconds between closings of expired sessions
STREAM_CHUNK = 256 * 1024
DEFAULT_THREADS = 64

# WEB SET OPTION selectors (docs commands/web-set-option) -> WEB Server property
OPTION_NAMES = {
    15: "HTTPPort",
    16: "IPAddressToListen",
    17: "characterSet",
    18: "maxConcurrentProcesses",
    27: "maxRequestSize",
    29: "logRecording",
    39: "HTTPSPort",
    71: "maxSessions",
    72: "inactiveSessionTimeout",
    73: "sessionCookieNameLegacy",
    78: "inactiveProcessTimeout",
    81: "sessionCookieDomain",
    82: "sessionCookiePath",
    83: "sessionIPAddressValidation",
    85: "HTTPTrace",
    88: "HTTPEnabled",
    89: "HTTPSEnabled",
    90: "scalableSession",
    92: "CORSEnabled",
    93: "CORSSettings",
}
READ_ONLY = {"isRunning", "name", "openSSLVersion", "perfectForwardSecrecy", "sessionCookieName", "handlers", "rules"}


def _default_options(root: Path | None) -> dict[str, Any]:
    return {
        "HTTPPort": 80,
        "HTTPEnabled": True,
        "HTTPSEnabled": False,
        "HTTPSPort": 443,
        "IPAddressToListen": "127.0.0.1",
        "rootFolder": str((root or Path.cwd()) / "WebFolder"),
        "defaultHomepage": "index.html",
        "scalableSession": True,
        "keepSession": False,
        "maxRequestSize": 2_000_000,
        "maxConcurrentProcesses": 100,
        "sessionCookieSameSite": "Strict",
        "sessionCookieDomain": "",
        "sessionCookiePath": "/",
        "HTTPTrace": False,
        "CORSEnabled": False,
        "CORSSettings": None,
        "characterSet": "UTF-8",
        "logRecording": 0,
        "HTTPCompressionLevel": 1,
        "HTTPCompressionThreshold": 1024,
        "inactiveProcessTimeout": 480,
        "inactiveSessionTimeout": 480,
        "maxSessions": 100,
        "sessionIPAddressValidation": True,
        "threads": DEFAULT_THREADS,
        "rest": True,
    }


def _project_name(runtime: Any) -> str:
    """AppName of the session cookie: the name of the project (its .4DProject file, else its folder)."""
    root = runtime.project.root
    if root is None:
        return "mini4d"
    proj = Path(root) / "Project"
    if proj.is_dir():
        for p in sorted(proj.glob("*.4DProject")):
            return p.stem
    return Path(root).name or "mini4d"


class WebServer:
    """The application's web server (`WEB Server`): settings, cheroot listener, request dispatch."""

    is_4d_object = True
    class_name = "WebServer"

    def __init__(self, runtime: Any):
        self.runtime = runtime
        root = runtime.project.root
        self.project_root = Path(root) if root is not None else None
        self.sources = self.project_root / "Project" / "Sources" if self.project_root is not None else None
        self.options = _default_options(self.project_root)  # WEB SET OPTION: kept across restarts
        self.run_settings: dict[str, Any] = {}  # .start(settings): this run only
        self.app_name = _project_name(runtime)
        self.cookie_name = f"4DSID_{self.app_name}"
        self.server_header = f"mini4d/{__version__}"
        self.lock = threading.Lock()
        self.running = False
        self.started_at = 0.0
        self.start_mode = "manual"
        self.request_count = 0
        self._httpd: Any = None
        self._thread: threading.Thread | None = None
        self._stop_sweeper = threading.Event()
        self.port = 0
        self.roles = Roles()
        self.roles_error = ""
        self.handlers: Any = None
        self.db_methods: dict[str, Any] = {}
        self.home_pages: dict[str, str] = {}  # WEB SET HOME PAGE in a web process: for its session
        self.warnings: list[str] = []

    # ------------------------------------------------------------ settings
    def setting(self, name: str) -> Any:
        if name in self.run_settings:
            return self.run_settings[name]
        return self.options.get(name)

    @property
    def root(self) -> Path:
        return Path(self.setting("rootFolder"))

    def host_ip(self) -> str:
        host = str(self.setting("IPAddressToListen") or "127.0.0.1")
        return "::ffff:" + host if ":" not in host else host

    def cookie_header(self, session_id: str) -> str:
        """The Set-Cookie value of a session (HttpOnly, SameSite, Path=/; mini4d never sets Secure: no TLS)."""
        parts = [f"{self.cookie_name}={session_id}", f"Path={self.setting('sessionCookiePath') or '/'}"]
        domain = self.setting("sessionCookieDomain")
        if domain:
            parts.append(f"Domain={domain}")
        parts.append("HttpOnly")
        parts.append(f"SameSite={self.setting('sessionCookieSameSite') or 'Strict'}")
        return "; ".join(parts)

    def error_page(self, status: int) -> bytes | None:
        """The root's custom error page for a status: `404.html`, else `4xx.html` (errorPages)."""
        for name in (f"{status}.html", f"{str(status)[0]}xx.html"):
            p = resolve(self.root, name)
            if p is not None and p.is_file():
                try:
                    return p.read_bytes()
                except OSError:
                    return None
        return None

    # ------------------------------------------------------------ start / stop
    def start(self, settings: Obj | None = None, mode: str = "manual") -> Obj:
        """Start listening; the result is `{success; errors}` as `WebServer.start()` returns it."""
        result = Obj()
        if self.running:
            return self._failure(result, "The web server is already running")
        try:
            from cheroot import wsgi
        except ImportError:
            return self._failure(result, "The web server needs the cheroot library: pip install 'mini4d[web]'")
        run: dict[str, Any] = {}
        if settings is not None:
            for k, v in dict.items(settings):
                if k in READ_ONLY:
                    return self._failure(result, f'The property "{k}" of the web server is read-only')
                run[k] = v
        self.run_settings = run
        self._load_project_files()
        if "handlers" in run and isinstance(run["handlers"], Coll):
            from .handlers import Handlers

            try:
                self.handlers = Handlers.from_value(run["handlers"])
            except ValueError as exc:
                return self._failure(result, f"HTTP handlers: {exc}")
        host = str(self.setting("IPAddressToListen") or "127.0.0.1")
        try:
            port = int(self.setting("HTTPPort") or 0)
            if port == 0 and not self.setting("anyPort"):
                port = 80  # 0 means 80 (webServerConfig); `mini4d serve --port 0` asks for any free port
        except (TypeError, ValueError):
            return self._failure(result, "The HTTP port must be a number")
        threads = max(4, int(self.setting("threads") or DEFAULT_THREADS))
        runtime = self.runtime

        class Server(wsgi.Server):  # type: ignore[misc, name-defined]
            def error_log(self, msg: str = "", level: int = 20, traceback: bool = False) -> None:
                if level >= 40:  # cheroot's own failures: one line on stderr
                    runtime.write(f"web server: {msg.strip()}\n", err=True)

        httpd = Server(
            (host, port),
            self.wsgi,
            numthreads=threads,
            max=threads,
            server_name=self.server_header,
            accepted_queue_size=4 * threads,
            accepted_queue_timeout=5,
        )
        httpd.max_request_body_size = int(self.setting("maxRequestSize") or 2_000_000)
        httpd.max_request_header_size = 64 * 1024
        httpd.keep_alive_conn_limit = 10_000
        httpd.request_queue_size = 1024  # listen backlog: many clients connect at once
        httpd.timeout = 30
        httpd.shutdown_timeout = 5
        from ..limits import _STACK_LOCK, THREAD_STACK

        try:
            # worker threads run 4D code: they get the stack of 4D processes
            with _STACK_LOCK:
                old = threading.stack_size()
                with contextlib.suppress(ValueError, RuntimeError):
                    threading.stack_size(THREAD_STACK)
                try:
                    httpd.prepare()
                finally:
                    with contextlib.suppress(ValueError, RuntimeError):
                        threading.stack_size(old)
        except OSError as exc:
            with contextlib.suppress(Exception):
                httpd.stop()
            return self._failure(result, f"Cannot listen on {host}:{port}: {_socket_reason(exc)}")
        self._httpd = httpd
        self.port = httpd.bind_addr[1] if isinstance(httpd.bind_addr, tuple) else port
        self.running = True
        self.started_at = time.time()
        self.start_mode = mode
        self.request_count = 0
        self._stop_sweeper.clear()
        self._thread = threading.Thread(target=self._serve, name="4D web server", daemon=True)
        self._thread.start()
        threading.Thread(target=self._sweep, name="4D web session sweeper", daemon=True).start()
        with runtime.proc_lock:
            runtime.services.add("web server")
            runtime.cond.notify_all()
        result["success"] = True
        return result

    def _failure(self, result: Obj, message: str) -> Obj:
        result["success"] = False
        err = Obj()
        err.update({"errCode": 90120.0, "message": message, "componentSignature": "mn4d"})
        result["errors"] = Coll([err])
        return result

    def _serve(self) -> None:
        httpd = self._httpd
        try:
            httpd.serve()
        except Exception as exc:  # noqa: BLE001 - the listener died: say so, stop cleanly
            self.runtime.write(f"web server: stopped on an error: {exc}\n", err=True)
            self.stop()

    def _sweep(self) -> None:
        while not self._stop_sweeper.wait(SWEEP_INTERVAL):
            self.runtime.sweep_sessions()

    def stop(self) -> None:
        """Stop listening, end the web processes still running, close every web session."""
        with self.lock:
            if not self.running:
                return
            self.running = False
            httpd, self._httpd = self._httpd, None
        self._stop_sweeper.set()
        rt = self.runtime
        with rt.proc_lock:
            for p in rt.processes.values():
                if p.web is not None:
                    p.stop_requested = True  # a request still running ends at its next check
            rt.cond.notify_all()
        if httpd is not None:
            with contextlib.suppress(Exception):
                httpd.stop()
        rt.close_web_sessions()
        self.run_settings = {}
        with rt.proc_lock:
            rt.services.discard("web server")
            rt.cond.notify_all()

    def _load_project_files(self) -> None:
        """roles.json, HTTPHandlers.json and the web database methods, read at each start."""
        self.warnings = []
        self.db_methods = {}
        self.roles_error = ""
        self.roles = Roles()
        self.handlers = None
        if self.sources is None:
            self.runtime.extensions["web_roles"] = self.roles
            return
        try:
            self.roles = Roles.load(self.sources / "roles.json")
            if not self.roles.present:
                self.warnings.append("no roles.json: every REST function is open to every session")
        except RolesError as exc:
            self.roles_error = str(exc)
            self.warnings.append(f"roles.json is not valid, REST requests are refused: {exc}")
        self.runtime.extensions["web_roles"] = self.roles
        from .handlers import Handlers

        try:
            self.handlers = Handlers.load(self.sources / "HTTPHandlers.json")
        except ValueError as exc:
            self.warnings.append(f"HTTPHandlers.json is not used: {exc}")

    # ------------------------------------------------------------ database methods
    def db_method(self, name: str) -> Any:
        """Compiled `On Web Authentication` / `On Web Connection` of the project, or None."""
        if name in self.db_methods:
            return self.db_methods[name]
        code = None
        if self.sources is not None:
            folder = self.sources / "DatabaseMethods"
            file = name[0].lower() + name.replace(" ", "")[1:]
            for candidate in (folder / f"{file}.4dm", folder / f"{name}.4dm"):
                if candidate.is_file():
                    from ..cache import parse_cached
                    from ..project import load_file

                    mt = load_file(candidate, name)
                    code = self.runtime.interp.compile_unit(name, parse_cached(mt.source), mt.source)
                    code.attributes = mt.attributes
                    break
        self.db_methods[name] = code
        return code

    def authenticate(self, req: WebRequest, proc: Any, url: str) -> bool:
        """`On Web Authentication`: True unless it returns False (no method or no value: accepted)."""
        code = self.db_method("On Web Authentication")
        if code is None:
            return True
        try:
            value = self.runtime.interp.invoke(code, self.method_args(req, url), None, None, process=proc)
        except FourDError as err:
            self.log_error(req, err)
            return False  # an error inside the method refuses the request
        return value is not False

    def method_args(self, req: WebRequest, url: str) -> list[Any]:
        """The six Text parameters of the web database methods."""
        user = pw = ""
        auth = req.header("Authorization")
        if auth[:6].lower() == "basic ":
            with contextlib.suppress(ValueError, UnicodeDecodeError):
                user, _, pw = base64.b64decode(auth[6:].strip(), validate=True).decode("utf-8").partition(":")
        return [url, req.http_text(), req.client_ip, req.server_ip, user, pw]

    # ------------------------------------------------------------ sessions
    def attach_session(self, req: WebRequest, kind: str = "web") -> WebSession | None:
        """The request's session: a valid `$4DSID` token's, the cookie's, or a new Guest one."""
        if req.session is not None:
            return req.session
        rt = self.runtime
        if req.token:
            restored = rt.take_otp(req.token)
            if restored is not None:
                restored.touch()
                req.session = restored
                req.cookie_out = restored.id
                return restored
        sid = req.cookie(self.cookie_name)
        if sid:
            s = rt.session(sid)
            if isinstance(s, WebSession):
                s.touch()
                req.session = s
                return s
        if len(rt.sessions) >= MAX_SESSIONS:
            rt.sweep_sessions()
            if len(rt.sessions) >= MAX_SESSIONS:
                req.send_error(503, "Too many open sessions")
                return None
        s = rt.open_web_session(kind, req.client_ip)
        req.session = s
        req.cookie_out = s.id
        return s

    def touch_session(self, req: WebRequest) -> None:
        """A request that runs no 4D code still counts as activity of its session."""
        sid = req.cookie(self.cookie_name)
        if sid:
            s = self.runtime.session(sid)
            if isinstance(s, WebSession):
                s.touch()

    # ------------------------------------------------------------ running 4D code
    def run_code(self, req: WebRequest, name: str, body: Any, kind: str = "web") -> None:
        """Run `body(process)` as a new 4D process of the request's session; a 4D error answers 500."""
        session = self.attach_session(req, kind)
        if session is None:
            return

        def guarded(proc: Any) -> None:
            try:
                body(proc)
            except FourDError as err:
                self.code_failed(req, err)
            except RecursionError:
                self.code_failed(req, FourDError(90070, "Stack overflow: the code is nested too deeply"))
            finally:
                if proc.session is not req.session:  # Session.restore() moved the process to another session
                    req.session = proc.session
                    req.cookie_out = proc.session.id

        self.runtime.run_in_web_process(session, name, guarded, req)

    def code_failed(self, req: WebRequest, err: FourDError) -> None:
        """An unhandled 4D error in a request: logged on stderr, answered with 500 and the error."""
        req.error = err
        if err.code == ERR_INTERRUPTED and not self.running:
            req.send_error(503, "The web server is stopping")
            return
        self.log_error(req, err)
        req.redirect = None
        req.chunks = None
        req.send_error(500, f"Error {err.code}: {err.message}")

    def log_error(self, req: WebRequest, err: FourDError) -> None:
        self.runtime.write(f"{req.method} {req.url}:\n{format_error(err)}\n", err=True)

    # ------------------------------------------------------------ WSGI
    def wsgi(self, environ: dict[str, Any], start_response: Any) -> Any:
        """The WSGI application cheroot calls on a worker thread for each request."""
        with self.lock:
            self.request_count += 1
        try:
            body = self._read_body(environ)
        except _BodyTooLarge:
            start_response("413 Request Entity Too Large", [("Content-Type", "text/plain"), ("Connection", "close")])
            return [b"The request body is larger than the maximum request size.\n"]
        except _BadBody as exc:
            start_response("400 Bad Request", [("Content-Type", "text/plain"), ("Connection", "close")])
            return [f"{exc}\n".encode()]
        req = WebRequest(self, environ, body)
        try:
            self.dispatch(req)
        except Exception as exc:  # noqa: BLE001 - an internal bug: one line, a 500, the server goes on
            self.runtime.write(f"web server: internal error on {req.method} {req.url}: {exc!r}\n", err=True)
            req = WebRequest(self, environ, b"")
            req.send_error(500, "Internal error of the web server")
        status, headers, chunks = req.render()
        if req.method == "HEAD":
            chunks = [b""]
        start_response(status, headers)
        return chunks

    def _read_body(self, environ: dict[str, Any]) -> bytes:
        from cheroot.errors import MaxSizeExceeded

        stream = environ.get("wsgi.input")
        if stream is None:
            return b""
        limit = int(self.setting("maxRequestSize") or 2_000_000)
        try:
            length = environ.get("CONTENT_LENGTH")
            if length:
                n = int(length)
                if n > limit:
                    raise _BodyTooLarge
                data = stream.read(n)
                if len(data) < n:
                    raise _BadBody("The request body ended early")
                return data
            if environ.get("HTTP_TRANSFER_ENCODING", "").lower() == "chunked":
                data = stream.read(limit + 1)
                if len(data) > limit:
                    raise _BodyTooLarge
                return data
            return b""
        except MaxSizeExceeded:
            raise _BodyTooLarge from None
        except ValueError as exc:
            raise _BadBody(f"Malformed request body: {exc}") from None
        except OSError as exc:
            if "too large" in str(exc).lower():  # cheroot's chunked reader past the maximum size
                raise _BodyTooLarge from None
            raise _BadBody("The client closed the connection") from None

    # ------------------------------------------------------------ dispatch
    def dispatch(self, req: WebRequest) -> None:
        if not self.running:
            req.send_error(503, "The web server is stopping")
            return
        path = decode_url_path(req.raw_path)
        if path is None or not path.startswith("/"):
            req.send_error(400, "Malformed URL")
            return
        req.path = path
        if req.method == "TRACE" and not self.setting("HTTPTrace"):
            req.send_error(405, "TRACE is not allowed")
            return
        for k, v in req.query_pairs(strip_token=False):
            if k == "$4DSID":
                req.token = v
                break
        if self.handlers is not None:
            found = self.handlers.match(path, req.method)
            if found == "verb":
                req.send_error(405, f"{req.method} is not allowed for this URL")
                return
            if found is not None:
                from .handlers import run_handler

                run_handler(self, req, found)
                return
        req.token = req.token if path.lower().startswith("/4daction") else None  # handlers and 4DACTION only
        if path == "/rest" or path.startswith("/rest/"):
            from .rest import handle_rest

            handle_rest(self, req, path)
            return
        low = path.lower()
        if low == "/4daction" or low.startswith("/4daction/"):
            self.action(req, path)
            return
        file = self.static_file(req, path)
        if file is not None:
            self.send_file(req, file)
            return
        self.connection(req)

    def action(self, req: WebRequest, path: str) -> None:
        """`/4DACTION/Method{/Param}`: `On Web Authentication`, then the method if it is publishedWeb."""
        rest = path[len("/4DACTION/") :] if len(path) > len("/4DACTION") else ""
        name, _, param = rest.partition("/")
        if not name:
            req.send_error(404, "No method named in the 4DACTION URL")
            return
        interp = self.runtime.interp
        try:
            code = interp.get_method(name, None)
        except FourDError:
            req.send_error(404, f'No method "{name}"')
            return
        if not code.attributes.get("publishedWeb"):
            req.send_error(403, f'The method "{name}" is not available through 4DACTION (publishedWeb)')
            return

        def body(proc: Any) -> None:
            if not self.authenticate(req, proc, req.url):
                req.send_error(403, "Refused by On Web Authentication")
                return
            interp.invoke(code, [param], None, None, process=proc)
            if not req.answered:
                req.status = 204  # the method sent nothing

        self.run_code(req, f"4DACTION {code.name}", body)

    def static_file(self, req: WebRequest, path: str) -> Path | None:
        """The file of the root folder the URL names (`/` is the home page); None if none."""
        if path.endswith("/"):
            home = self.home_page(req)
            if not home:
                return None
            path = path + home.lstrip("/")
        p = resolve(self.root, path)
        return p if p is not None and p.is_file() else None

    def home_page(self, req: WebRequest) -> str:
        sid = req.cookie(self.cookie_name)
        if sid and sid in self.home_pages and self.runtime.session(sid) is not None:
            return self.home_pages[sid]
        return str(self.setting("defaultHomepage") or "")

    def send_file(self, req: WebRequest, file: Path) -> None:
        if req.method not in ("GET", "HEAD", "POST"):
            req.send_error(405, f"{req.method} is not allowed for a page")
            return
        if file.suffix.lower() in PARSED_SUFFIXES:
            self.send_parsed_page(req, file)
            return
        self.touch_session(req)
        try:
            size = file.stat().st_size
            mime = with_charset(mime_type(file))
            if size <= STREAM_CHUNK:
                req.send(file.read_bytes(), mime)
                return
            handle = file.open("rb")
        except OSError:
            req.send_error(404, "Not found")
            return

        def chunks() -> Any:
            with handle:
                while True:
                    block = handle.read(STREAM_CHUNK)
                    if not block:
                        return
                    yield block

        req.content_type = mime
        req.stream = chunks()
        req.reply_headers.append(("Content-Length", str(size)))

    def send_parsed_page(self, req: WebRequest, file: Path) -> None:
        """A semi-dynamic page: its 4D tags run in a web process of the request's session."""
        from .templates import TagProcessor

        try:
            text = file.read_bytes().decode("utf-8", "replace")
        except OSError:
            req.send_error(404, "Not found")
            return

        def body(proc: Any) -> None:
            out = TagProcessor(self.runtime, proc, base=file.parent, root=self.root, web=True).process(
                text, dollar=True
            )
            if not req.answered:
                req.send_text(out, with_charset(mime_type(file)))

        self.run_code(req, f"Page {file.name}", body)

    def connection(self, req: WebRequest) -> None:
        """Any other URL: `On Web Authentication`, then `On Web Connection`; 404 when nothing answers."""
        conn = self.db_method("On Web Connection")
        if conn is None:
            self.touch_session(req)
            req.send_error(404, "Not found")
            return

        def body(proc: Any) -> None:
            if not self.authenticate(req, proc, req.url):
                req.send_error(403, "Refused by On Web Authentication")
                return
            self.runtime.interp.invoke(conn, self.method_args(req, req.url), None, None, process=proc)
            if not req.answered:
                req.send_error(404, "Not found")

        self.run_code(req, "On Web Connection", body)

    # ------------------------------------------------------------ 4D view (WEB Server)
    def get_4d_property(self, name: str) -> Any:
        if name == "isRunning":
            return self.running
        if name == "name":
            return self.app_name
        if name == "sessionCookieName":
            return self.cookie_name
        if name == "openSSLVersion":
            return ""
        if name == "perfectForwardSecrecy":
            return False
        if name == "handlers":
            return self.handlers.as_collection() if self.handlers is not None else Coll()
        if name == "rules":
            return Coll()
        if name == "HTTPPort" and self.running:
            return float(self.port)
        if name in self.options or name in self.run_settings:
            v = self.setting(name)
            return float(v) if type(v) is int else v
        return UNDEFINED

    def set_4d_property(self, name: str, value: Any) -> None:
        from ..errors import ERR_READONLY

        raise FourDError(ERR_READONLY, f'The property "{name}" of the web server is read-only (pass it to .start())')

    def call_4d_member(self, f: Any, name: str, args: list[Any], span: Any) -> Any:
        from ..errors import ERR_ARG_TYPE, ERR_NOT_A_FUNCTION

        if name == "start":
            settings = args[0] if args else None
            if settings is not None and settings is not UNDEFINED and not isinstance(settings, Obj):
                raise FourDError(ERR_ARG_TYPE, "WebServer.start() takes a settings object", span)
            return self.start(settings if isinstance(settings, Obj) else None)
        if name == "stop":
            self.stop()
            return UNDEFINED
        raise FourDError(ERR_NOT_A_FUNCTION, f'Unknown member function "{name}" of a 4D.WebServer', span)

    def keys_4d(self) -> list[str]:
        return sorted({*self.options, "isRunning", "name", "sessionCookieName"} - {"threads", "rest"})

    def to_json(self) -> Any:
        o = Obj()
        for k in self.keys_4d():
            o[k] = self.get_4d_property(k)
        return o

    def info(self, with_cache: bool = False) -> Obj:
        """`WEB Get server info`."""
        o = Obj()
        sec = Obj()
        sec.update(
            {
                "HTTPEnabled": True,
                "HTTPSEnabled": False,
                "HSTSEnabled": False,
                "HSTSMaxAge": 0.0,
                "cipherSuite": "",
                "minTLSVersion": "",
                "openSSLVersion": "",
                "perfectForwardSecrecy": False,
            }
        )
        opts = Obj()
        opts.update(
            {
                "CORSEnabled": bool(self.setting("CORSEnabled")),
                "CORSSettings": self.setting("CORSSettings"),
                "webCharacterSet": str(self.setting("characterSet")),
                "webHTTPCompressionLevel": float(self.setting("HTTPCompressionLevel")),
                "webHTTPCompressionThreshold": float(self.setting("HTTPCompressionThreshold")),
                "webHTTPSPortID": float(self.setting("HTTPSPort")),
                "webIPAddressToListen": Coll([str(self.setting("IPAddressToListen"))]),
                "webPortID": float(self.port if self.running else self.setting("HTTPPort")),
                "webMaxConcurrentProcesses": float(self.setting("maxConcurrentProcesses")),
                "webInactiveProcessTimeout": float(self.setting("inactiveProcessTimeout")),
                "webInactiveSessionTimeout": float(self.setting("inactiveSessionTimeout")),
            }
        )
        o.update(
            {
                "started": self.running,
                "uptime": float(int(time.time() - self.started_at)) if self.running else 0.0,
                "httpRequestCount": float(self.request_count),
                "startMode": self.start_mode,
                "SOAPServerStarted": False,
                "security": sec,
                "options": opts,
            }
        )
        if with_cache:
            cache = Obj()
            cache.update({"cacheUsage": 0.0, "currentSize": 0.0, "maxSize": 0.0, "objectCount": 0.0})
            o["cache"] = cache
        return o


def _socket_reason(exc: OSError) -> str:
    """The reason a port cannot be bound, in words (cheroot wraps the OS error in its message)."""
    import errno
    import re

    text = str(exc)
    m = re.search(r"\[Errno (\d+)\] ([^)]*)", text)
    code = int(m.group(1)) if m else exc.errno
    if code == errno.EADDRINUSE:
        return "the port is already in use"
    if code == errno.EACCES:
        return "permission denied (ports below 1024 need administrator rights)"
    if code == errno.EADDRNOTAVAIL:
        return "this machine has no such address"
    return m.group(2) if m else (exc.strerror or text)


class _BodyTooLarge(Exception):
    pass


class _BadBody(Exception):
    pass
