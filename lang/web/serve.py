"""`mini4d serve PROJECT [--port N] [--host H]`: open a project and serve it until Ctrl-C.

Like `mini4d run`, the project's `On Startup` runs first (unless --skip-onstartup); then
the web server starts (scalable sessions, REST on, root `WebFolder`), listening on
127.0.0.1 unless --host says otherwise. The run ends on Ctrl-C (exit 130) or when 4D code
calls WEB STOP SERVER and nothing else runs; every web session is closed then.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

USAGE = "usage: mini4d serve PROJECT [--port N] [--host H] [--skip-onstartup] [--user-param TEXT] [--threads N]\n"


def serve_main(argv: list[str], io: Any, debug: bool = False, ready: Any = None) -> int:
    """Run `mini4d serve`; `ready(server)` is called once the server listens (embedding, tests)."""
    import argparse

    from ..cli import EXIT_OK, EXIT_RUNTIME, EXIT_SYNTAX, EXIT_USAGE, _display_name, execute
    from ..errors import FourDError, Syntax4DError, format_error
    from ..project import Project, load_file
    from ..runtime import Runtime
    from ..source import SourceDecodeError
    from . import web_server

    parser = argparse.ArgumentParser(prog="mini4d serve", add_help=True)
    parser.add_argument("project")
    parser.add_argument("--port", type=int, default=None, help="HTTP port (0: any free port; default 80)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--skip-onstartup", action="store_true")
    parser.add_argument("--user-param", dest="user_param", default="")
    parser.add_argument("--threads", type=int, default=None, help="requests served at the same time")
    try:
        ns = parser.parse_args(argv)
    except SystemExit as exc:
        return EXIT_USAGE if exc.code else EXIT_OK
    try:
        import cheroot  # noqa: F401
    except ImportError:
        io.err.write("mini4d serve: the web server needs the cheroot library: pip install 'mini4d[web]'\n")
        return EXIT_USAGE
    root = Path(ns.project)
    if root.is_file() and root.suffix.lower() == ".4dproject":
        root = root.parent.parent
    project = Project.for_project(root)
    if project.root is None or not (Path(project.root) / "Project" / "Sources").is_dir():
        io.err.write(f"mini4d serve: {root} is not a 4D project folder (no Project/Sources)\n")
        return EXIT_USAGE
    runtime = Runtime(project, stdout=io.out, stderr=io.err)
    runtime.user_param = ns.user_param
    server = web_server(runtime)
    if ns.port is not None:
        if not 0 <= ns.port <= 65535:
            io.err.write("mini4d serve: --port takes 0 to 65535\n")
            return EXIT_USAGE
        server.options["HTTPPort"] = ns.port
        server.options["anyPort"] = ns.port == 0
    server.options["IPAddressToListen"] = ns.host
    if ns.threads:
        server.options["threads"] = ns.threads

    startup = None
    db = Path(project.root) / "Project" / "Sources" / "DatabaseMethods"
    path = next((db / n for n in ("onStartup.4dm", "On Startup.4dm") if (db / n).is_file()), None)
    if path is not None and not ns.skip_onstartup:
        from ..cache import parse_cached

        try:
            mt = load_file(path, "On Startup")
            mt.source.name = _display_name(path)
            startup = runtime.interp.compile_unit(mt.name, parse_cached(mt.source), mt.source)
        except SourceDecodeError as exc:
            io.err.write(f"{path}: error: cannot read the file: {exc.reason} at byte offset {exc.offset}\n")
            return EXIT_SYNTAX
        except FourDError as err:
            io.err.write(format_error(err) + "\n")
            return EXIT_SYNTAX if isinstance(err, Syntax4DError) else EXIT_RUNTIME

    failed: list[str] = []

    def main_body(f: Any) -> None:
        if startup is not None:
            runtime.interp.invoke(startup, [], f, None)
        if server.running:
            return  # On Startup started it already
        result = server.start(mode="automatic")
        if not result.get("success"):
            failed.extend(str(e["message"]) for e in result.get("errors", []))
            return
        for w in server.warnings:
            runtime.write(f"mini4d serve: warning: {w}\n", err=True)
        host = ns.host if ":" not in ns.host else f"[{ns.host}]"
        runtime.write(f"mini4d serve: {server.app_name} at http://{host}:{server.port}/ (Ctrl-C to stop)\n")
        if ready is not None:
            ready(server)
        # serve: the main process runs the messages posted to it (CALL WORKER(1; ...)) until the
        # server stops; an error in one of them is reported and the main process goes on
        while True:
            try:
                runtime.wait_all()
                return
            except FourDError as err:
                if runtime.interrupted:
                    raise
                runtime.write(f"In the main process:\n{format_error(err)}\n", err=True)

    code = runtime.interp.compile_unit("mini4d serve", (), None)
    code.body = main_body
    try:
        rc = execute(runtime, code, [], io, debug)
    finally:
        server.stop()
        runtime.close_web_sessions()
    if failed:
        for msg in failed:
            io.err.write(f"mini4d serve: {msg}\n")
        return EXIT_RUNTIME
    return rc
