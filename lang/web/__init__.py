"""The 4D web server of mini4d: scalable web sessions, request dispatch, REST, 4D tags.

`server.WebServer` answers HTTP requests on the cheroot library (a thread-pool WSGI server):
each request that runs 4D code runs it on its worker thread as a new 4D process of the
request's web session (`Runtime.run_in_web_process`). The other modules are the pieces of
that dispatch: `roles` (roles.json), `static` (files of the root folder), `templates`
(4D tags), `rest` (/rest/...), `handlers` (HTTPHandlers.json), `messages`
(4D.IncomingMessage / 4D.OutgoingMessage) and `serve` (`mini4d serve`).
"""

from __future__ import annotations

from typing import Any


def web_server(runtime: Any) -> Any:
    """The runtime's web server object (made on first use, not started)."""
    server = runtime.extensions.get("web_server")
    if server is None:
        with runtime.proc_lock:
            server = runtime.extensions.get("web_server")
            if server is None:
                from .server import WebServer

                server = WebServer(runtime)
                runtime.extensions["web_server"] = server
    return server


def current_request(ctx: Any) -> Any:
    """The HTTP request the calling process answers, or None outside a web process."""
    return getattr(ctx.process, "web", None)
