"""Custom HTTP request handlers (`Project/Sources/HTTPHandlers.json`).

Each handler is `{class; method; pattern | regexPattern; verbs}`, tried in order. A
`pattern` is a URL prefix bounded by `/` (`"docs"` takes `/docs` and `/docs/...`); a
`regexPattern` is searched in the URL path as is. The class must be a shared singleton;
its function receives a 4D.IncomingMessage and returns a 4D.OutgoingMessage.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ..errors import FourDError
from ..values import UNDEFINED, Coll, Obj

FORBIDDEN = ("/4daction", "/rest", "/$lib/renderer", "/$shared")


class Handler:
    def __init__(self, raw: dict[str, Any]):
        self.raw = raw
        cls = raw.get("class")
        method = raw.get("method")
        if not isinstance(cls, str) or not isinstance(method, str) or not cls or not method:
            raise ValueError('each handler needs a "class" and a "method"')
        self.class_name = cls.removeprefix("cs.")
        self.method = method
        regex = raw.get("regexPattern")
        pattern = raw.get("pattern")
        if isinstance(regex, str) and regex:
            source = regex
        elif isinstance(pattern, str) and pattern:
            source = "^/" + re.escape(pattern.strip("/")) + "(?:/|$)"
        else:
            raise ValueError(f'the handler {cls}.{method} needs a "pattern" or a "regexPattern"')
        try:
            self.rx = re.compile(source)
        except re.error as exc:
            raise ValueError(f'the handler {cls}.{method}: bad regexPattern "{regex}" ({exc})') from None
        prefix = "/" + pattern.strip("/").lower() if isinstance(pattern, str) and not regex else str(regex).lower()
        if any(prefix == f or prefix.startswith(f + "/") or prefix.startswith("^" + f) for f in FORBIDDEN):
            raise ValueError(f'the URL "{pattern or regex}" is reserved by the web server')
        verbs = raw.get("verbs")
        if verbs in (None, ""):
            self.verbs: set[str] | None = None
        elif isinstance(verbs, str):
            self.verbs = {v.strip().upper() for v in verbs.split(",") if v.strip()}
        else:
            raise ValueError(f'the handler {cls}.{method}: "verbs" must be a text such as "get,post"')

    def as_object(self) -> Obj:
        o = Obj()
        for k, v in self.raw.items():
            o[k] = v
        return o


class Handlers:
    def __init__(self, items: list[Handler]):
        self.items = items

    @classmethod
    def parse(cls, data: Any) -> Handlers:
        if not isinstance(data, list):
            raise ValueError("the file must hold a JSON array of handlers")
        items = []
        for raw in data:
            if not isinstance(raw, dict):
                raise ValueError("each handler must be an object")
            items.append(Handler(raw))
        return cls(items)

    @classmethod
    def load(cls, path: Path) -> Handlers | None:
        if not path.is_file():
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8-sig"))
        except (ValueError, UnicodeDecodeError) as exc:
            raise ValueError(f"not valid JSON ({exc})") from None
        return cls.parse(data)

    @classmethod
    def from_value(cls, value: Coll) -> Handlers:
        from ..jsonfmt import stringify

        return cls.parse(json.loads(stringify(value)))

    def match(self, path: str, verb: str) -> Handler | str | None:
        """The first handler for this path and verb; "verb" when handlers take the path but not the verb."""
        refused = False
        for h in self.items:
            if h.rx.search(path):
                if h.verbs is None or verb in h.verbs:
                    return h
                refused = True
        return "verb" if refused else None

    def as_collection(self) -> Coll:
        return Coll(h.as_object() for h in self.items)


def run_handler(server: Any, req: Any, handler: Handler) -> None:
    """Run the handler's function on its shared singleton, in a web process; answer with what it returns."""
    from ..classes import class_store
    from ..errors import ERR_CLASS
    from .messages import IncomingMessage, OutgoingMessage, send_outgoing

    def body(proc: Any) -> None:
        store = class_store(server.runtime)
        cls = store.get(handler.class_name)
        if cls is None or not (cls.singleton and cls.shared):
            raise FourDError(ERR_CLASS, f'Cannot find singleton "{handler.class_name}" (HTTP handler)')
        fn = cls.functions.get(handler.method)
        if fn is None:
            raise FourDError(ERR_CLASS, f'Cannot find singleton function "{handler.class_name}.{handler.method}"')
        inst = cls.me(None, None)
        result = fn.invoke(None, [IncomingMessage(req)], this=inst)
        if isinstance(result, OutgoingMessage):
            send_outgoing(req, result)
        elif req.answered:
            return
        elif type(result) is str:
            req.send_text(result, "text/plain; charset=UTF-8")
        elif isinstance(result, (Obj, Coll)):
            from ..jsonfmt import stringify

            req.send_text(stringify(result), "application/json; charset=UTF-8")
        elif isinstance(result, (bytes, bytearray)):
            req.send(bytes(result), "application/octet-stream")
        elif result is UNDEFINED or result is None:
            req.status = 204
        else:
            from ..values import to_text

            req.send_text(to_text(result), "text/plain; charset=UTF-8")

    server.run_code(req, f"Handler {handler.class_name}.{handler.method}", body)
