"""The `mini4d` command: run scripts and project methods, check syntax, list commands."""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path
from typing import Any, TextIO

from . import __version__
from .errors import FourDError, Syntax4DError, format_error
from .source import Source, SourceDecodeError

EXIT_OK = 0
EXIT_RUNTIME = 1
EXIT_USAGE = 2
EXIT_SYNTAX = 65
EXIT_INTERNAL = 70
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE: what a shell sees from a tool whose reader went away
EXIT_LINT = 1  # `mini4d check --strict` with warnings


USAGE = """\
usage: mini4d [options] FILE.4dm [ARG ...]     run a script (ARGs fill its #DECLARE parameters)
       mini4d [options] -c CODE [ARG ...]       run a line of 4D code (one -c; lines separated by newlines)
       mini4d run PROJECT_DIR --startup-method NAME [--user-param TEXT]
       mini4d serve PROJECT_DIR [--port N] [--host H]   serve a project over HTTP
       mini4d check [--format text|json] [--no-lint] [--strict] PATH ...
                                                check .4dm files and folders: syntax errors, lint warnings
       mini4d commands [--theme THEME] [NAME]   list the supported 4D commands
       mini4d test [PATH ...] [--junit FILE]    run the 4D tests of a project or folder
       mini4d kernel install|run                the Jupyter kernel (extra: mini4d[jupyter])
       mini4d                                   start the interactive REPL
       mini4d COMMAND --help                    help on one command (run, serve, check, commands, test, kernel)

options:
  -h, --help      show this help
  --version       show the version
  --debug         show Python tracebacks for internal errors
  --trace         print each line to standard error as it runs (file:line method: code)
  --no-color      no colours (NO_COLOR is honoured too)
  --data FILE     the project's data: an SQLite file, :memory:, or postgresql://... (default:
                  Data/<project>.sqlite beside Project/; MINI4D_DATA is honoured too)
  --seed FILE     load {"Table": [{...}, ...]} into the data first (a fresh :memory: one without --data)
  --              the arguments after it are script arguments, even if they start with -
"""

CHECK_USAGE = """\
usage: mini4d check [--format text|json] [--no-lint] [--strict] [--debug] PATH ...

Checks every .4dm file under the given files and folders without running it.
Each syntax error is one line `FILE:LINE:COL: error CODE: message` (every error of a file,
not only the first: the check resumes at the next line). A file that parses is then linted:
names 4D does not know (commands, constants, methods and classes of the project) and calls
outside a command's signature give `FILE:LINE:COL: warning CODE: message`, with the error
number a run would give. The last line counts files, lines, errors and warnings.

options:
  --format text|json  text lines (default), or one JSON report with a diagnostics list
  --no-lint           syntax errors only
  --strict            warnings fail the check too (exit status 1)
  --debug             show the Python traceback of an internal error

exit status: 0 no error (warnings allowed), 65 syntax errors, 1 warnings with --strict,
2 usage error or missing path, 70 internal error (the other files are still checked)
"""

COMMANDS_USAGE = """\
usage: mini4d commands [--theme THEME] [--unsupported] [NAME]

Lists the 4D commands mini4d implements (number, theme, signature), or with
--unsupported the 4D commands it knows but does not run. NAME filters by name.
"""

KERNEL_USAGE = """\
usage: mini4d kernel install [--user | --sys-prefix | --prefix DIR] [--name NAME]
       mini4d kernel run [KERNEL OPTIONS]

The Jupyter kernel for 4D; it needs the extra: pip install 'mini4d[jupyter]'
"""


class Streams:
    def __init__(self, out: TextIO | None, err: TextIO | None, inp: TextIO | None = None):
        self.out = out or sys.stdout
        self.err = err or sys.stderr
        self.inp = inp  # standard input for Request and CONFIRM (None: they report an error)
        self.trace = False  # --trace: runtimes made for this command trace their lines


def _new_runtime(project: Any, io: Streams) -> Any:
    from .runtime import Runtime

    runtime = Runtime(project, stdout=io.out, stderr=io.err)
    if io.trace:
        from .debugger import install_trace

        install_trace(runtime)  # before anything is compiled: a run without --trace has no hook
    return runtime


def main(
    argv: list[str] | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    stdin: TextIO | None = None,
) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    io = Streams(stdout, stderr, stdin if stdin is not None else (sys.stdin if stdout is None else None))
    debug = False
    from .datastore import DEFAULTS

    DEFAULTS.clear()  # --data/--seed of this call only
    while argv and argv[0] in ("--debug", "--no-color", "--trace", "--data", "--seed"):
        option = argv.pop(0)
        if option == "--debug":
            debug = True
        elif option == "--trace":
            io.trace = True
        elif option in ("--data", "--seed"):
            if not argv:
                io.err.write(f"mini4d: {option} needs a value\n" + USAGE)
                return EXIT_USAGE
            DEFAULTS[option[2:]] = argv.pop(0)  # the data file (or :memory:, postgresql://...) / seed JSON
        else:
            os.environ["NO_COLOR"] = "1"
    try:
        if not argv:
            return _repl(io, stdin, debug)
        first = argv[0]
        if first in ("-h", "--help", "help"):
            io.out.write(USAGE)
            return EXIT_OK
        if first == "--version":
            io.out.write(f"mini4d {__version__}\n")
            return EXIT_OK
        if first == "-c":
            if len(argv) < 2:
                io.err.write("mini4d: -c needs the code to run\n" + USAGE)
                return EXIT_USAGE
            args = _script_args(argv[2:])
            if args is None:
                io.err.write(
                    "mini4d: -c is given once; put several lines in one CODE (separated by newlines),\n"
                    "        and write -- before script arguments that start with -\n"
                )
                return EXIT_USAGE
            return run_text(argv[1], "<string>", args, io, debug)
        if first == "run" and not first.endswith(".4dm"):
            return _cmd_run(argv[1:], io, debug)
        if first == "serve":
            from .web.serve import serve_main

            return serve_main(argv[1:], io, debug)
        if first == "check":
            return _cmd_check(argv[1:], io, debug)
        if first == "commands":
            return _cmd_commands(argv[1:], io)
        if first == "kernel":
            return _cmd_kernel(argv[1:], io)
        if first == "test":
            from .testrunner import test_main

            return test_main(argv[1:], io.out, io.err)
        if first == "--":
            argv = argv[1:]
            if not argv:
                io.err.write("mini4d: -- must be followed by a script\n" + USAGE)
                return EXIT_USAGE
        elif first.startswith("-"):
            io.err.write(f"mini4d: unknown option {first}\n" + USAGE)
            return EXIT_USAGE
        args = _script_args(argv[1:], allow_c=True)
        return run_path(Path(argv[0]), args or [], io, debug)
    except KeyboardInterrupt:
        io.err.write("Interrupted\n")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _silence_stdout(io)
        return EXIT_BROKEN_PIPE
    except Exception as exc:  # noqa: BLE001 - an internal bug (MemoryError, RecursionError too): one line, exit 70
        report_internal_error(io.err, exc, debug)
        return EXIT_INTERNAL


def _script_args(args: list[str], allow_c: bool = False) -> list[str] | None:
    """Script arguments after the code or file: `--` makes the rest literal; None for a second `-c`."""
    out: list[str] = []
    for i, a in enumerate(args):
        if a == "--":
            return out + args[i + 1 :]
        if a == "-c" and not allow_c:
            return None
        out.append(a)
    return out


def internal_error_line(exc: BaseException) -> str:
    """The one line an internal error gets (the traceback only with --debug)."""
    return (
        f"mini4d: internal error ({type(exc).__name__}: {exc}); please report this bug "
        "with the script that caused it (run with --debug for details)\n"
    )


def report_internal_error(err: TextIO, exc: BaseException, debug: bool, trace: str | None = None) -> None:
    try:
        err.write(internal_error_line(exc))
        if debug:
            import traceback

            err.write(trace if trace is not None else "".join(traceback.format_exception(exc)))
        err.flush()
    except (OSError, ValueError):
        pass


# ------------------------------------------------------------------ running


def run_path(path: Path, args: list[str], io: Streams, debug: bool = False) -> int:
    from .project import Project, load_file

    if not path.exists():
        io.err.write(f"mini4d: {path}: no such file\n")
        return EXIT_USAGE
    if path.is_dir():
        io.err.write(f"mini4d: {path} is a folder; use `mini4d run {path} --startup-method NAME`\n")
        return EXIT_USAGE
    try:
        mt = load_file(path, path.stem)
    except SourceDecodeError as exc:
        io.err.write(f"{path}: error: cannot read the file: {exc.reason} at byte offset {exc.offset}\n")
        return EXIT_SYNTAX
    except OSError as exc:
        io.err.write(f"mini4d: {path}: {exc.strerror}\n")
        return EXIT_USAGE
    mt.source.name = _display_name(path)
    project = Project.for_script(path)
    return run_source(mt.source, args, io, debug, project=project, name=mt.name, attributes=mt.attributes)


def _display_name(path: Path) -> str:
    try:
        rel = os.path.relpath(path)
        return rel if not rel.startswith("..") else str(path)
    except ValueError:
        return str(path)


def run_text(code: str, name: str, args: list[str], io: Streams, debug: bool = False) -> int:
    from .project import Project
    from .source import normalize_newlines

    project = Project([Path.cwd()], [Path.cwd() / "Classes"])
    return run_source(Source(name, normalize_newlines(code)), args, io, debug, project=project, name=name)


def run_source(
    source: Source,
    args: list[str],
    io: Streams,
    debug: bool = False,
    project: Any = None,
    name: str = "<main>",
    attributes: dict[str, Any] | None = None,
    user_param: str = "",
) -> int:
    from .cache import parse_cached

    try:
        stmts = parse_cached(source)
    except Syntax4DError as err:
        io.err.write(format_error(err) + "\n")
        return EXIT_SYNTAX
    runtime = _new_runtime(project, io)
    runtime.user_param = user_param
    runtime.stdin = io.inp
    try:
        code = runtime.interp.compile_unit(name, stmts, source)
    except FourDError as err:
        io.err.write(format_error(err) + "\n")
        return EXIT_SYNTAX if isinstance(err, Syntax4DError) else EXIT_RUNTIME
    try:
        values = [_cli_arg(code, i, a) for i, a in enumerate(args)]
    except ValueError as exc:
        io.err.write(f"mini4d: {exc}\n")
        return EXIT_USAGE
    return execute(runtime, code, values, io, debug)


def _cli_arg(code: Any, i: int, text: str) -> Any:
    """A command-line argument converted to the declared parameter type (ValueError if it cannot be)."""
    from .values import Coll, Obj, Time4D, make_date

    if i < len(code.params):
        slot, t = code.params[i]
        name = next((n for n, at in code.slots.items() if at == slot), f"${i + 1}")
    else:
        name, t = "...", code.variadic
    what = f"argument {i + 1} ({name} : {str(t).capitalize()})"
    if t in ("integer", "real", "longint"):
        try:
            return float(text)
        except ValueError:
            raise ValueError(f'{what}: "{text}" is not a number') from None
    if t == "boolean":
        word = text.strip().lower()
        if word in ("true", "1"):
            return True
        if word in ("false", "0"):
            return False
        raise ValueError(f'{what}: "{text}" is not True or False')
    if t == "date":
        try:
            y, m, d = (int(p) for p in text.split("-"))
        except ValueError:
            raise ValueError(f'{what}: "{text}" is not a date (YYYY-MM-DD)') from None
        return make_date(y, m, d)
    if t == "time":
        try:
            parts = [int(p) for p in text.split(":")]
        except ValueError:
            raise ValueError(f'{what}: "{text}" is not a time (HH:MM:SS)') from None
        parts += [0] * (3 - len(parts))
        return Time4D(parts[0] * 3600 + parts[1] * 60 + parts[2])
    if t in ("object", "collection"):
        from .jsonfmt import parse

        try:
            value = parse(text)
        except FourDError:
            value = None
        if not isinstance(value, Obj if t == "object" else Coll):
            raise ValueError(f"{what}: the text is not a JSON {t}")
        return value
    return text


def execute(runtime: Any, code: Any, args: list[Any], io: Streams, debug: bool = False) -> int:
    """Run `code` as the main process of `runtime`; wait for every process it started."""
    outcome: dict[str, Any] = {}

    def target() -> None:
        runtime.bind_thread(runtime.main)
        try:
            runtime.interp.invoke(code, args, None, None, process=runtime.main)
            runtime.wait_all()
        except FourDError as err:
            outcome["error"] = err
            try:
                runtime.wait_all()  # an error in the main method does not stop the other processes
            except FourDError:
                pass
        except RecursionError:
            from .errors import ERR_STACK_OVERFLOW

            outcome["error"] = FourDError(ERR_STACK_OVERFLOW, "Stack overflow: the code is nested too deeply")
        except MemoryError:
            from .errors import ERR_OUT_OF_MEMORY

            outcome["error"] = FourDError(ERR_OUT_OF_MEMORY, "Out of memory: the system has no more memory for the run")
        except BaseException as exc:  # noqa: BLE001 - an internal bug, reported as such
            import traceback

            outcome["internal"] = exc
            outcome["trace"] = traceback.format_exc()
        finally:
            done.set()

    done = threading.Event()  # waited on rather than join(): a join cut by Ctrl-C can report a live thread as ended

    old_limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old_limit, 200000))
    interrupted = False
    try:
        from .core.frames import MAX_DEPTH
        from .limits import depth_reserve, start_thread

        go = threading.Event()  # the main process runs once its depth is known

        def begin() -> None:
            go.wait()
            target()

        try:
            _thread, stack = start_thread(begin, "4D Main")
            main = getattr(runtime, "main", None)
            if main is not None:
                main.depth = depth_reserve(stack, MAX_DEPTH)
            go.set()
        except FourDError as err:  # no thread at all: the error is the run's outcome
            outcome["error"] = err
            done.set()
        while not done.is_set():
            done.wait(0.05)
    except KeyboardInterrupt:  # Ctrl-C, wherever this thread was since the start
        interrupted = True
        runtime.interrupted = True
        stop_all = getattr(runtime, "stop_all", None)
        if stop_all is not None:
            stop_all()  # wakes processes waiting in Use, signals, delays, mailboxes
        for proc in list(runtime.processes.values()):
            proc.stop_requested = True
        deadline = time.monotonic() + 2.0
        while not done.is_set() and time.monotonic() < deadline:
            done.wait(0.05)
    _flush(io)
    if getattr(runtime, "broken_pipe", False):
        _silence_stdout(io)
        return EXIT_BROKEN_PIPE
    if interrupted or runtime.interrupted:
        from .errors import ERR_INTERRUPTED, format_interrupt

        err = outcome.get("error")
        stopped = err if getattr(err, "code", None) == ERR_INTERRUPTED else None
        io.err.write(format_interrupt(stopped) + "\n")  # where the main process stopped
        return EXIT_INTERRUPTED
    if "internal" in outcome:
        report_internal_error(io.err, outcome["internal"], debug, outcome["trace"])
        return EXIT_INTERNAL
    if "error" in outcome:
        err = outcome["error"]
        if getattr(err, "code", None) == 1006 and runtime.interrupted:
            from .errors import format_interrupt

            io.err.write(format_interrupt(err) + "\n")
            return EXIT_INTERRUPTED
        io.err.write(format_error(err) + "\n")
        return EXIT_SYNTAX if isinstance(err, Syntax4DError) else EXIT_RUNTIME
    if getattr(runtime, "child_errors", None):
        return EXIT_RUNTIME  # another process stopped on an unhandled error (already printed)
    return EXIT_OK


def _silence_stdout(io: Streams) -> None:
    """After the reader of stdout went away: point it at /dev/null so that exiting flushes nothing into the pipe."""
    if io.out is not sys.stdout:
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _flush(io: Streams) -> None:
    for s in (io.out, io.err):
        try:
            s.flush()
        except (OSError, ValueError):
            pass


# ------------------------------------------------------------------ run PROJECT


def _cmd_run(argv: list[str], io: Streams, debug: bool) -> int:
    import argparse  # imported here, like every module a plain run does not need (start-up time)

    parser = argparse.ArgumentParser(prog="mini4d run", add_help=True)
    parser.add_argument("project", nargs="?", default="")
    parser.add_argument("--project", dest="project_opt", default="")
    parser.add_argument("--startup-method", dest="startup", default="")
    parser.add_argument("--user-param", dest="user_param", default="")
    parser.add_argument("--skip-onstartup", action="store_true")
    # tool4d options with no effect here (no interface); --data chooses the data file
    parser.add_argument("--dataless", action="store_true")
    parser.add_argument("--headless", action="store_true")
    parser.add_argument("--create-data", action="store_true")
    parser.add_argument("--utility", action="store_true")
    parser.add_argument("--data", default="")
    parser.add_argument("--seed", default="")
    parser.add_argument("--opening-mode", default="")
    parser.add_argument("args", nargs="*")
    if any(a in ("-h", "--help") for a in argv):
        io.out.write(parser.format_help())
        return EXIT_OK
    import contextlib

    try:
        with contextlib.redirect_stderr(io.err):
            ns = parser.parse_args(argv)
    except SystemExit as exc:
        return EXIT_USAGE if exc.code else EXIT_OK
    from .project import Project, load_file

    if not (ns.project or ns.project_opt):
        io.err.write("mini4d run: give the project folder (or its .4DProject file)\n")
        return EXIT_USAGE
    root = Path(ns.project_opt or ns.project)
    if root.is_file() and root.suffix.lower() == ".4dproject":
        root = root.parent.parent
    project = Project.for_project(root)
    if not any(d.is_dir() for d in project.method_dirs):
        io.err.write(f"mini4d: {root} is not a 4D project folder (no Project/Sources/Methods)\n")
        return EXIT_USAGE
    # the On Startup database method runs first, unless --skip-onstartup (tool4d)
    paths: list[tuple[Path, str]] = []
    db_methods = project.method_dirs[0].parent / "DatabaseMethods"
    on_startup = next((db_methods / n for n in ("onStartup.4dm", "On Startup.4dm") if (db_methods / n).is_file()), None)
    if on_startup is not None and not ns.skip_onstartup:
        paths.append((on_startup, "On Startup"))
    startup = ns.startup
    if startup:
        path = project.method_path(startup)
        if path is None:
            io.err.write(f'mini4d run: no method "{startup}" in {root}\n')
            return EXIT_USAGE
        paths.append((path, path.stem))
    elif not paths:
        io.err.write("mini4d run: give --startup-method NAME (the project has no On Startup database method)\n")
        return EXIT_USAGE
    runtime = _new_runtime(project, io)
    runtime.user_param = ns.user_param
    if ns.data:
        runtime.extensions["data"] = ns.data
    if ns.seed:
        runtime.extensions["seed"] = ns.seed
    runtime.stdin = io.inp
    from .cache import parse_cached

    codes = []
    for path, name in paths:
        try:
            mt = load_file(path, name)
        except SourceDecodeError as exc:
            io.err.write(f"{path}: error: cannot read the file: {exc.reason} at byte offset {exc.offset}\n")
            return EXIT_SYNTAX
        mt.source.name = _display_name(path)
        try:
            code = runtime.interp.compile_unit(mt.name, parse_cached(mt.source), mt.source)
        except FourDError as err:
            io.err.write(format_error(err) + "\n")
            return EXIT_SYNTAX if isinstance(err, Syntax4DError) else EXIT_RUNTIME
        code.attributes = mt.attributes
        codes.append(code)
    try:  # the arguments go to the startup method (the last), checked before anything runs
        given = [_cli_arg(codes[-1], k, a) for k, a in enumerate(ns.args)] if codes else []
    except ValueError as exc:
        io.err.write(f"mini4d: {exc}\n")
        return EXIT_USAGE
    for i, code in enumerate(codes):
        values = given if i == len(codes) - 1 else []
        rc = execute(runtime, code, values, io, debug)
        if rc != EXIT_OK:
            return rc
    return EXIT_OK


# ------------------------------------------------------------------ check


def _cmd_check(argv: list[str], io: Streams, debug: bool = False) -> int:
    fmt = "text"
    lint = True
    strict = False
    paths: list[str] = []
    rest = list(argv)
    while rest:
        a = rest.pop(0)
        if a in ("-h", "--help"):
            io.out.write(CHECK_USAGE)
            return EXIT_OK
        if a == "--format" and rest:
            fmt = rest.pop(0)
        elif a.startswith("--format="):
            fmt = a.split("=", 1)[1]
        elif a == "--no-lint":
            lint = False
        elif a == "--strict":
            strict = True
        elif a == "--debug":
            debug = True
        elif a == "--":
            paths.extend(rest)
            rest = []
        elif a.startswith("-"):
            io.err.write(f"mini4d check: unknown option {a}\n" + CHECK_USAGE)
            return EXIT_USAGE
        else:
            paths.append(a)
    if fmt not in ("text", "json") or not paths:
        io.err.write(CHECK_USAGE)
        return EXIT_USAGE
    from .check import check_paths

    report = check_paths([Path(p) for p in paths], lint=lint)
    if fmt == "json":
        import json

        io.out.write(json.dumps(report.as_json(), indent=2) + "\n")
    else:
        for line in report.lines(debug):
            io.out.write(line + "\n")
        io.out.write(report.summary() + "\n")
    if report.internal:
        return EXIT_INTERNAL
    if report.missing:
        return EXIT_USAGE
    if report.errors:
        return EXIT_SYNTAX
    if strict and report.warnings:
        return EXIT_LINT
    return EXIT_OK


# ------------------------------------------------------------------ commands


def _cmd_commands(argv: list[str], io: Streams) -> int:
    """`mini4d commands [--theme THEME] [--unsupported] [NAME]`: the commands with number, theme, signature."""
    from .refdoc import command_line, filter_commands, supported_commands, unsupported_commands

    theme = None
    name = None
    unsupported = False
    rest = list(argv)
    while rest:
        a = rest.pop(0)
        if a == "--theme" and rest:
            theme = rest.pop(0)
        elif a.startswith("--theme="):
            theme = a.split("=", 1)[1]
        elif a == "--unsupported":
            unsupported = True
        elif a in ("-h", "--help"):
            io.out.write(COMMANDS_USAGE)
            return EXIT_OK
        elif a.startswith("-"):
            io.err.write(f"mini4d commands: unknown option {a}\n" + COMMANDS_USAGE)
            return EXIT_USAGE
        else:
            name = a if name is None else f"{name} {a}"
    if unsupported:
        for info in filter_commands(unsupported_commands(), None, name):
            io.out.write(f"{info.number:>5}  {info.name}\n")
        return EXIT_OK
    infos = filter_commands(supported_commands(), theme, name)
    try:
        for info in infos:
            io.out.write(command_line(info) + "\n")
        io.out.flush()
    except BrokenPipeError:  # `mini4d commands | head`
        return EXIT_OK
    if not infos:
        io.err.write("no supported command matches\n")
        return EXIT_USAGE
    return EXIT_OK


def _cmd_kernel(argv: list[str], io: Streams) -> int:
    try:
        from .kernel import kernel_main
    except ImportError:
        if argv[:1] in (["-h"], ["--help"]):
            io.out.write(KERNEL_USAGE)
            return EXIT_OK
        io.err.write("mini4d kernel: install the extra first: pip install 'mini4d[jupyter]'\n")
        return EXIT_USAGE
    return kernel_main(argv, io.out, io.err)


def _repl(io: Streams, stdin: TextIO | None, debug: bool) -> int:
    try:
        from .repl import repl_main
    except ImportError:
        repl_main = None
    if repl_main is not None:
        return repl_main(io.out, io.err, stdin, trace=io.trace)
    data = (stdin or sys.stdin).read()
    return run_text(data, "<stdin>", [], io, debug)


def entry() -> None:
    """Console-script entry point."""
    for stream in (sys.stdout, sys.stderr):
        try:  # text the terminal cannot encode is escaped, never lost (lone surrogates, é in ASCII)
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
        except (AttributeError, ValueError):
            pass
    sys.exit(main())
