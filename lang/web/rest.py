"""The REST server without a database: `$catalog`, DataStore class functions, shared singleton functions.

- `GET /rest/$catalog` (and `/$all`): no dataclasses; the shared singletons with exposed functions.
- `POST /rest/$catalog/<function>`: `<function>` of `ds` (the instance of the project's
  `cs.DataStore` class); parameters are a JSON array in the body.
- `POST /rest/$singleton/<Class>/<function>`: a function of a shared singleton.
- GET runs only `exposed onHTTPGet` functions, parameters in `?$params='[...]'`.
- Only `exposed` functions run (-10729 otherwise). Answers are `{"result": value}`, a
  4D.OutgoingMessage sent as is, or `{"__ERROR": [{message; componentSignature; errCode}]}`.
- Force login (roles.json): a Guest session may only read `$catalog` and call `authentify`;
  every function call needs the `execute` permission of the function, its singleton or `ds`.

HTTP statuses of errors are mini4d decisions (web.md §4.4): 401 login needed, 403 no
permission, 404 unknown or not exposed, 405 GET on a function without onHTTPGet, 400 a
body that is not a JSON array, 500 a 4D error in the function.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import unquote

from ..errors import FourDError
from ..values import UNDEFINED, Coll, Obj

ERR_UNKNOWN_MEMBER = -10729  # "Unknown member method" (ORDA classes)
DESCRIPTIVE = ("$catalog", "$catalog/$all")


def _error_body(code: float, message: str, signature: str = "dbmg") -> bytes:
    return json.dumps(
        {"__ERROR": [{"message": message, "componentSignature": signature, "errCode": code}]}, ensure_ascii=False
    ).encode("utf-8")


def send_error(req: Any, status: int, code: float, message: str, signature: str = "dbmg") -> None:
    req.send(_error_body(code, message, signature), "application/json; charset=UTF-8", status)


def send_json(req: Any, value: Any, status: int = 200) -> None:
    from ..jsonfmt import stringify

    req.send(stringify(value).encode("utf-8"), "application/json; charset=UTF-8", status)


def datastore(runtime: Any, proc: Any) -> Any:
    """`ds`: the main datastore (lang/datastore), an instance of the project's cs.DataStore when it has one."""
    from ..datastore import get_store
    from ..datastore.orda import datastore_object

    return datastore_object(get_store(runtime))


def _exposed_functions(cls: Any) -> list[Any]:
    return [fn for fn in cls.functions.values() if "exposed" in getattr(fn, "modifiers", ())]


def catalog(server: Any) -> Obj:
    """`/rest/$catalog`: no dataclasses; shared singletons with their exposed functions."""
    from ..classes import class_store

    out = Obj()
    out["dataClasses"] = Coll()
    store = class_store(server.runtime)
    singles = Coll()
    for name in sorted(server.runtime.project.class_names()):
        try:
            cls = store.get(name)
        except FourDError:
            continue  # a class that does not compile is not listed
        if cls is None or not (cls.singleton and cls.shared) or cls.session_singleton:
            continue
        methods = Coll()
        for fn in _exposed_functions(cls):
            m = Obj()
            m.update({"name": fn.name, "allowedOnHTTPGET": "onhttpget" in fn.modifiers, "exposed": True})
            methods.append(m)
        if methods:
            s = Obj()
            s.update({"name": name, "methods": methods})
            singles.append(s)
    if singles:
        out["singletons"] = singles
    return out


def _params(req: Any) -> Coll | None:
    """Parameters of a function call: the JSON array of the body (POST) or of `$params` (GET); None if malformed."""
    from ..jsonfmt import parse

    text = ""
    if req.method == "GET":
        for k, v in req.query_pairs():
            if k == "$params":
                text = v.strip()
                if len(text) >= 2 and text[0] == text[-1] == "'":
                    text = text[1:-1]
    else:
        text = req.body.decode("utf-8", "replace").strip()
    if not text:
        return Coll()
    try:
        value = parse(text)
    except FourDError:
        return None
    return value if isinstance(value, Coll) else None


def handle_rest(server: Any, req: Any, path: str) -> None:
    """Answer a `/rest/...` request."""
    if not server.setting("rest"):
        req.send_error(404, "The REST server is not enabled")
        return
    if server.roles_error:
        send_error(req, 500, 90120, f"REST is disabled: {server.roles_error}", "mn4d")
        return
    rel = unquote(path[len("/rest/") :]) if path.startswith("/rest/") else ""
    rel = rel.rstrip("/")
    if rel in DESCRIPTIVE:
        if req.method not in ("GET", "HEAD"):
            send_error(req, 405, 90120, f"{req.method} is not allowed on $catalog", "mn4d")
            return
        server.run_code(req, "REST $catalog", lambda proc: send_json(req, catalog(server)), kind="rest")
        return
    parts = rel.split("/")
    if len(parts) == 2 and parts[0] == "$catalog":
        call_function(server, req, None, parts[1])
        return
    if len(parts) == 3 and parts[0] == "$singleton":
        call_function(server, req, parts[1], parts[2])
        return
    server.attach_session(req, "rest")
    if parts[0].startswith("$"):
        send_error(req, 404, 90120, f'Unknown REST request "/rest/{rel}"', "mn4d")
    else:
        send_error(req, 404, 1800, f'Dataclass "{parts[0]}" does not exist: mini4d serves REST without a database')


def call_function(server: Any, req: Any, class_name: str | None, fn_name: str) -> None:
    """Run an exposed function of `ds` (class_name None) or of a shared singleton, in a web process."""
    from ..runtime import WebSession

    roles = server.roles
    is_auth = class_name is None and fn_name == "authentify"

    def body(proc: Any) -> None:
        session = proc.session
        if roles.force_login and not is_auth and isinstance(session, WebSession) and not session.privileges:
            send_error(req, 401, 90121, "This session is not authenticated: call /rest/$catalog/authentify", "mn4d")
            return
        if class_name is None:
            target = datastore(server.runtime, proc)
            cls = getattr(target, "cls", None)
            where = "ds"
            resources = [("method", f"ds.{fn_name}"), ("datastore", "ds")]
        else:
            from ..classes import class_store

            cls = class_store(server.runtime).get(class_name)
            if cls is None or not cls.singleton or not cls.shared or cls.session_singleton:
                send_error(req, 404, 90122, f'Unknown shared singleton "{class_name}"', "mn4d")
                return
            target = cls.me(None, None)
            where = class_name
            resources = [
                ("singletonMethod", f"{class_name}.{fn_name}"),
                ("singleton", class_name),
                ("datastore", "ds"),
            ]
        fn = cls.functions.get(fn_name) if cls is not None else None
        if fn is None or "exposed" not in getattr(fn, "modifiers", ()):
            send_error(req, 404, ERR_UNKNOWN_MEMBER, f'Unknown member method "{fn_name}" of {where}', "4DRT")
            return
        if req.method == "GET" and "onhttpget" not in fn.modifiers:
            send_error(req, 405, 90123, f'The function "{fn_name}" cannot be called with GET (no onHTTPGet)', "mn4d")
            return
        if req.method not in ("GET", "POST", "HEAD"):
            send_error(req, 405, 90123, f"{req.method} is not allowed for a function call", "mn4d")
            return
        if not is_auth and not roles.allows("execute", resources, lambda p: session.has_privilege(p, proc)):
            send_error(req, 403, 90124, f'No permission to execute "{where}.{fn_name}"', "mn4d")
            return
        params = _params(req)
        if params is None:
            send_error(req, 400, 90080, "The parameters must be a JSON array", "mn4d")
            return
        saved = proc.promoted
        promoted = roles.promoted(resources)
        for p in promoted:
            server.runtime.promote(proc, p)
        try:
            result = fn.invoke(None, list(params), this=target)
        except FourDError as err:
            server.log_error(req, err)
            stack = [*getattr(err, "stacked", []), err]
            body_ = {
                "__ERROR": [
                    {
                        "message": e.message,
                        "componentSignature": getattr(e, "signature", None) or "4DRT",
                        "errCode": e.code,
                    }
                    for e in reversed(stack)
                ]
            }
            req.send(json.dumps(body_, ensure_ascii=False).encode("utf-8"), "application/json; charset=UTF-8", 500)
            req.error = err
            return
        finally:
            proc.promoted = saved
        from .messages import OutgoingMessage, send_outgoing

        if isinstance(result, OutgoingMessage):
            send_outgoing(req, result)
            return
        if req.answered:
            return
        out = Obj()
        out["result"] = None if result is UNDEFINED else result
        send_json(req, out)

    server.run_code(req, f"REST {class_name or 'ds'}.{fn_name}", body, kind="rest")
