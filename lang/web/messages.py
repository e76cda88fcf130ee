"""`4D.IncomingMessage` (a request given to an HTTP handler) and `4D.OutgoingMessage` (a reply built by 4D code)."""

from __future__ import annotations

from typing import Any

from ..errors import ERR_ARG_COUNT, ERR_ARG_TYPE, ERR_NOT_A_FUNCTION, ERR_READONLY, FourDError
from ..values import IS_OBJECT, UNDEFINED, Coll, Obj


class IncomingMessage:
    """The request an HTTP handler function receives (read-only)."""

    is_4d_object = True
    class_name = "IncomingMessage"
    value_type_code = IS_OBJECT

    def __init__(self, req: Any):
        self.req = req

    def get_4d_property(self, name: str) -> Any:
        req = self.req
        if name == "url":
            return req.url
        if name == "urlPath":
            return Coll(p for p in req.path.split("/") if p)
        if name == "urlQuery":
            o = Obj()
            for k, v in req.query_pairs():
                o[k] = v
            return o
        if name == "verb":
            return req.method
        if name == "headers":
            o = Obj()
            for k, v in req.headers:
                o[k.lower()] = v
            return o
        return UNDEFINED

    def set_4d_property(self, name: str, value: Any) -> None:
        raise FourDError(ERR_READONLY, f'The property "{name}" of a 4D.IncomingMessage is read-only')

    def call_4d_member(self, f: Any, name: str, args: list[Any], span: Any) -> Any:
        req = self.req
        if name == "getHeader":
            if len(args) != 1 or type(args[0]) is not str:
                raise FourDError(ERR_ARG_TYPE, ".getHeader() takes a header name (Text)", span)
            return req.header(args[0])
        if name == "getText":
            return req.body.decode("utf-8", "replace")
        if name == "getBlob":
            return bytes(req.body)
        if name == "getJSON":
            from ..jsonfmt import parse

            return parse(req.body.decode("utf-8", "replace"))
        if name == "getPicture":
            return None  # mini4d has no pictures
        raise FourDError(ERR_NOT_A_FUNCTION, f'Unknown member function "{name}" of a 4D.IncomingMessage', span)

    def keys_4d(self) -> list[str]:
        return ["headers", "url", "urlPath", "urlQuery", "verb"]

    def to_json(self) -> Any:
        o = Obj()
        for k in self.keys_4d():
            o[k] = self.get_4d_property(k)
        return o


class OutgoingMessage:
    """A reply: body, headers, status (`4D.OutgoingMessage.new()`)."""

    is_4d_object = True
    class_name = "OutgoingMessage"
    value_type_code = IS_OBJECT

    def __init__(self) -> None:
        self.body: Any = UNDEFINED
        self.headers: dict[str, str] = {}
        self.status = 200

    def get_4d_property(self, name: str) -> Any:
        if name == "body":
            return self.body
        if name == "headers":
            o = Obj()
            o.update(self.headers)
            return o
        if name == "status":
            return float(self.status)
        return UNDEFINED

    def set_4d_property(self, name: str, value: Any) -> None:
        if name == "body":
            self.body = value
            return
        if name == "status":
            self._set_status(value, None)
            return
        raise FourDError(ERR_READONLY, f'The property "{name}" of a 4D.OutgoingMessage is read-only')

    def _set_status(self, value: Any, span: Any) -> None:
        if type(value) not in (int, float) or type(value) is bool or value != int(value):
            raise FourDError(ERR_ARG_TYPE, "The status of a 4D.OutgoingMessage must be an integer", span)
        self.status = int(value)

    def call_4d_member(self, f: Any, name: str, args: list[Any], span: Any) -> Any:
        if name == "setBody":
            if len(args) != 1:
                raise FourDError(ERR_ARG_COUNT, ".setBody() takes one parameter", span)
            body = args[0]
            if type(body) is str:
                kind = "text/plain"
            elif isinstance(body, (bytes, bytearray)):
                kind = "application/octet-stream"
            elif isinstance(body, (Obj, Coll)) and not getattr(body, "is_4d_object", False):
                kind = "application/json"
            else:
                raise FourDError(ERR_ARG_TYPE, ".setBody() takes a Text, a Blob or an Object", span)
            self.body = body
            self.headers = {k: v for k, v in self.headers.items() if k.lower() != "content-type"}
            self.headers["Content-Type"] = kind
            return UNDEFINED
        if name == "setHeader":
            if len(args) != 2 or type(args[0]) is not str or type(args[1]) is not str:
                raise FourDError(ERR_ARG_TYPE, ".setHeader() takes a header name and a value (Text)", span)
            if "\r" in args[0] + args[1] or "\n" in args[0] + args[1]:
                raise FourDError(ERR_ARG_TYPE, ".setHeader(): a header cannot hold a line break", span)
            self.headers = {k: v for k, v in self.headers.items() if k.lower() != args[0].lower()}
            self.headers[args[0]] = args[1]
            return UNDEFINED
        if name == "setStatus":
            if len(args) != 1:
                raise FourDError(ERR_ARG_COUNT, ".setStatus() takes one parameter", span)
            self._set_status(args[0], span)
            return UNDEFINED
        raise FourDError(ERR_NOT_A_FUNCTION, f'Unknown member function "{name}" of a 4D.OutgoingMessage', span)

    def keys_4d(self) -> list[str]:
        return ["body", "headers", "status"]

    def to_json(self) -> Any:
        o = Obj()
        o.update({"status": float(self.status), "headers": self.get_4d_property("headers")})
        return o

    def encoded(self) -> tuple[bytes, str]:
        """The body as bytes and its content type."""
        from ..jsonfmt import stringify
        from ..values import to_text

        body = self.body
        kind = next((v for k, v in self.headers.items() if k.lower() == "content-type"), "")
        if body is UNDEFINED or body is None:
            return b"", kind
        if type(body) is str:
            return body.encode("utf-8"), kind or "text/plain; charset=UTF-8"
        if isinstance(body, (bytes, bytearray)):
            return bytes(body), kind or "application/octet-stream"
        if isinstance(body, (Obj, Coll)):
            return stringify(body).encode("utf-8"), kind or "application/json"
        return to_text(body).encode("utf-8"), kind or "text/plain; charset=UTF-8"


def send_outgoing(req: Any, msg: OutgoingMessage) -> None:
    """Answer a request with a 4D.OutgoingMessage."""
    data, kind = msg.encoded()
    for k, v in msg.headers.items():
        if k.lower() != "content-type":
            req.set_header(k, v)
    req.send(data, kind or "text/plain; charset=UTF-8", msg.status)


def new_outgoing(f: Any, args: list[Any], span: Any) -> OutgoingMessage:
    return OutgoingMessage()
