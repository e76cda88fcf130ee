"""A Jupyter kernel for 4D (`pip install 'mini4d[jupyter]'`, then `mini4d kernel install`).

One session runtime per kernel: variables, Storage, sessions and processes persist
between cells; method and class files edited on disk are compiled again before the next cell,
and a `%%method NAME` or `%%class NAME` cell defines one. Completion and `is_complete` are the
REPL's (lang/completion.py).
"""

from __future__ import annotations

import argparse
import json
import re
import signal
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any, TextIO

from ipykernel.kernelbase import Kernel

from . import __version__
from .completion import INCOMPLETE, indent_for, is_complete
from .repl import Outcome, Repl, help_text, is_definition_complete

KERNEL_NAME = "mini4d"
DISPLAY_NAME = "4D (mini4d)"
LANGUAGE_INFO = {
    "name": "4d",
    "version": __version__,
    "mimetype": "text/x-4d",
    "file_extension": ".4dm",
    "pygments_lexer": "4d",
}


class _StreamBuffer:
    """Output of the runtime (any thread); sent as stream messages by the kernel's own thread."""

    def __init__(self, kernel: FourDKernel, name: str):
        self.kernel = kernel
        self.name = name

    def write(self, text: str) -> int:
        with self.kernel.pending_lock:
            self.kernel.pending.append((self.name, text))
        return len(text)

    def flush(self) -> None:
        pass


class FourDKernel(Kernel):
    """ipykernel wrapper kernel around the REPL core."""

    implementation = "mini4d"
    implementation_version = __version__
    language = "4d"
    language_version = __version__
    language_info = LANGUAGE_INFO
    banner = f"mini4d {__version__}: the 4D language in notebooks (%help for meta commands)"

    def __init__(self, **kwargs: Any):
        super().__init__(**kwargs)
        self.pending: list[tuple[str, str]] = []
        self.pending_lock = threading.Lock()
        self.repl = Repl(stdout=_StreamBuffer(self, "stdout"), stderr=_StreamBuffer(self, "stderr"), tick=self._flush)  # type: ignore[arg-type]

    def pre_handler_hook(self) -> None:
        """While a request is handled, SIGINT (the notebook's interrupt) is a stop request, never a KeyboardInterrupt.

        ipykernel's default raises KeyboardInterrupt wherever the main thread is, which can
        skip the execute reply; a request made before the cell's first statement stops it.
        """
        self.saved_sigint_handler = signal.signal(signal.SIGINT, self._on_sigint)

    def post_handler_hook(self) -> None:
        signal.signal(signal.SIGINT, self.saved_sigint_handler)
        self.repl.drop_stop()  # a request that came after its cell ended must not stop the next one

    def _on_sigint(self, signum: int, frame: Any) -> None:
        self.repl.interrupt()

    def _flush(self) -> None:
        with self.pending_lock:
            chunks, self.pending = self.pending, []
        merged: list[list[str]] = []
        for name, text in chunks:
            if merged and merged[-1][0] == name:
                merged[-1][1] += text
            else:
                merged.append([name, text])
        for name, text in merged:
            self.send_response(self.iopub_socket, "stream", {"name": name, "text": text})

    def do_execute(
        self,
        code: str,
        silent: bool,
        store_history: bool = True,
        user_expressions: Any = None,
        allow_stdin: bool = False,
        **kwargs: Any,
    ) -> dict[str, Any]:
        try:
            outcome = self.repl.run_cell(code)
        except KeyboardInterrupt:
            self.repl.recover()  # the interrupt landed outside the wait for the cell
            outcome = Outcome(interrupted=True)
        self._flush()
        return self._reply(outcome, silent)

    def _reply(self, outcome: Outcome, silent: bool) -> dict[str, Any]:
        ok = {"status": "ok", "execution_count": self.execution_count, "payload": [], "user_expressions": {}}
        if outcome.quit:
            outcome.meta = "Use the notebook's kernel menu to stop or restart the kernel."
        if outcome.meta and not silent:
            self.send_response(
                self.iopub_socket, "stream", {"name": "stdout", "text": outcome.meta.rstrip("\n") + "\n"}
            )
        if outcome.interrupted:
            return self._error(
                "Interrupted", "Program interrupted by user", (outcome.error_text or "Interrupted").split("\n")
            )
        if outcome.error is not None:
            err = outcome.error
            lines = (outcome.error_text or "").split("\n")
            return self._error(f"error {err.code}", err.message, lines)
        if outcome.value is not None and not silent:
            self.send_response(
                self.iopub_socket,
                "execute_result",
                {"execution_count": self.execution_count, "data": {"text/plain": outcome.value}, "metadata": {}},
            )
        return ok

    def _error(self, ename: str, evalue: str, traceback: list[str]) -> dict[str, Any]:
        content = {"ename": ename, "evalue": evalue, "traceback": traceback}
        self.send_response(self.iopub_socket, "error", content)
        return {"status": "error", "execution_count": self.execution_count, **content}

    def do_complete(self, code: str, cursor_pos: int) -> dict[str, Any]:
        found = self.repl.complete(code, cursor_pos)
        return {
            "status": "ok",
            "matches": found.matches,
            "cursor_start": found.start,
            "cursor_end": cursor_pos,
            "metadata": {},
        }

    def do_is_complete(self, code: str) -> dict[str, Any]:
        if code.lstrip().startswith("%%"):  # a console types %%method/%%class blocks up to %%end
            return {"status": "complete"} if is_definition_complete(code) else {"status": "incomplete", "indent": ""}
        status = is_complete(code)
        if status == INCOMPLETE:
            return {"status": "incomplete", "indent": indent_for(code)}
        return {"status": status}

    def do_inspect(self, code: str, cursor_pos: int, detail_level: int = 0, omit_sections: Any = ()) -> dict[str, Any]:
        name = _name_at(code, cursor_pos)
        text = help_text(name) if name else ""
        found = bool(name) and not text.startswith("No command")
        return {"status": "ok", "found": found, "data": {"text/plain": text} if found else {}, "metadata": {}}

    def do_shutdown(self, restart: bool) -> dict[str, Any]:
        self.repl.close()
        if restart:
            self.repl = Repl(
                stdout=_StreamBuffer(self, "stdout"), stderr=_StreamBuffer(self, "stderr"), tick=self._flush
            )  # type: ignore[arg-type]
        return {"status": "ok", "restart": restart}


def _name_at(code: str, cursor: int) -> str:
    """The longest command or constant name around the cursor (names may hold spaces)."""
    from .registry import REGISTRY

    REGISTRY.ensure_loaded()
    start = code.rfind("\n", 0, cursor) + 1
    end = code.find("\n", cursor)
    line = code[start : end if end >= 0 else len(code)]
    col = cursor - start
    best = ""
    for run in re.finditer(r"[^\W\d][\w \t]*", line):
        if not (run.start() <= col <= run.end()):
            continue
        words = list(re.finditer(r"[^\W\d]\w*", run.group()))
        for i in range(len(words)):
            for j in range(len(words), i, -1):
                a, b = run.start() + words[i].start(), run.start() + words[j - 1].end()
                if not (a <= col <= b):
                    continue
                cand = line[a:b]
                if (REGISTRY.lookup(cand) or REGISTRY.constant(cand)) and len(cand) > len(best):
                    best = cand
    return best


# ------------------------------------------------------------------ command line


def kernel_spec() -> dict[str, Any]:
    return {
        "argv": [sys.executable, "-m", "mini4d.kernel", "-f", "{connection_file}"],
        "display_name": DISPLAY_NAME,
        "language": "4d",
        "interrupt_mode": "signal",
        "metadata": {"debugger": False},
    }


def install(user: bool = False, prefix: str | None = None, name: str = KERNEL_NAME) -> str:
    """Write the kernelspec; returns the folder it went to."""
    from jupyter_client.kernelspec import KernelSpecManager

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / name
        folder.mkdir()
        (folder / "kernel.json").write_text(json.dumps(kernel_spec(), indent=2) + "\n", encoding="utf-8")
        return KernelSpecManager().install_kernel_spec(str(folder), name, user=user, prefix=prefix)


USAGE = """\
usage: mini4d kernel install [--user | --sys-prefix | --prefix DIR] [--name NAME]
       mini4d kernel run -f CONNECTION_FILE       (what Jupyter starts)
"""


def kernel_main(argv: list[str], out: TextIO | None = None, err: TextIO | None = None) -> int:
    """`mini4d kernel ...`: install the kernelspec, or run the kernel."""
    out = out or sys.stdout
    err = err or sys.stderr
    if not argv or argv[0] in ("-h", "--help"):
        out.write(USAGE)
        return 0 if argv else 2
    if argv[0] == "install":
        parser = argparse.ArgumentParser(prog="mini4d kernel install")
        where = parser.add_mutually_exclusive_group()
        where.add_argument("--user", action="store_true")
        where.add_argument("--sys-prefix", action="store_true")
        where.add_argument("--prefix")
        parser.add_argument("--name", default=KERNEL_NAME)
        try:
            ns = parser.parse_args(argv[1:])
        except SystemExit as exc:
            return 2 if exc.code else 0
        prefix = sys.prefix if ns.sys_prefix else ns.prefix
        try:
            dest = install(user=ns.user, prefix=prefix, name=ns.name)
        except OSError as exc:
            err.write(f"mini4d kernel install: {exc} (try --user or --sys-prefix)\n")
            return 1
        out.write(f"Installed the {DISPLAY_NAME} kernel in {dest}\n")
        return 0
    if argv[0] == "run":
        argv = argv[1:]
    launch(argv)
    return 0


def launch(argv: list[str]) -> None:
    from ipykernel.kernelapp import IPKernelApp

    IPKernelApp.launch_instance(argv=argv, kernel_class=FourDKernel)


if __name__ == "__main__":
    launch(sys.argv[1:])
