"""ORDA entity events (`Function event <kind> {<attribute>}($event)` in an entity class).

touched: after an attribute is assigned; validateSave, saving, afterSave around `entity.save()`
(and `dataClass.fromCollection()`); validateDrop, dropping, afterDrop around `entity.drop()` and
`entitySelection.drop()`. For one event the attribute-level functions run first (attributes in
dataclass order), then the entity-level function. validate/saving/dropping refuse the action by
returning an error object (or by letting an error escape): the first refusal stops the other
events and the action. afterSave/afterDrop always run once the action was attempted and cannot
refuse it.
"""

from __future__ import annotations

import threading
from typing import Any

from ..errors import FourDError
from ..values import UNDEFINED, Coll, Obj

# lower-case event name (as the parser keeps it) -> the name 4D gives in $event.kind
KINDS = {
    "touched": "touched",
    "validatesave": "validateSave",
    "saving": "saving",
    "aftersave": "afterSave",
    "validatedrop": "validateDrop",
    "dropping": "dropping",
    "afterdrop": "afterDrop",
}
ENTITY_ONLY = ("aftersave", "afterdrop")
SAVE_KINDS = ("validatesave", "saving", "aftersave")
DROP_KINDS = ("validatedrop", "dropping", "afterdrop")

STATUS_SERIOUS = 4  # dk status serious error: a saving/dropping event refused
STATUS_VALIDATION = 7  # dk status validation failed (mild)
STATUS_SERIOUS_VALIDATION = 8  # dk status serious validation error

_local = threading.local()


def functions(ec: Any) -> dict[tuple[str, str], Any]:
    """{(event, attribute or ""): function} of an entity class and of the user classes it extends."""
    if ec is None:
        return {}
    cached = ec.__dict__.get("_orda_events")
    if cached is not None:
        return cached
    chain = []
    c = ec
    while c is not None and not getattr(c, "builtin", False):
        chain.append(c)
        c = getattr(c, "parent", None)
    out: dict[tuple[str, str], Any] = {}
    for c in reversed(chain):  # a subclass's event replaces its parent's
        for key, fn in getattr(c, "orda_functions", {}).items():
            if key[0] == "event":
                out[(key[1], key[2])] = fn
    ec._orda_events = out  # type: ignore[attr-defined]
    return out


def has(dc: Any, kinds: tuple[str, ...]) -> bool:
    if getattr(_local, "off", False):
        return False
    return any(k[0] in kinds for k in functions(dc.entity_cls))


class suppressed:
    """`with suppressed():` data loaded like an import (the --seed file): no entity event runs."""

    def __enter__(self) -> None:
        self.prev = getattr(_local, "off", False)
        _local.off = True

    def __exit__(self, *exc: object) -> None:
        _local.off = self.prev


def _event(kind: str, dc: Any, attr: str | None) -> Obj:
    ev = Obj()
    ev["kind"] = KINDS[kind]
    if attr is not None:
        ev["attributeName"] = attr
    ev["dataClassName"] = dc.name
    return ev


def _ordered(e: Any, fns: dict[tuple[str, str], Any], kind: str, names: list[str] | None) -> list[tuple[str, Any]]:
    """The attribute-level functions of `kind` for `names` (None = every attribute), in dataclass order."""
    out = []
    for aname in e.dc.attrs:
        fn = fns.get((kind, aname))
        if fn is not None and (names is None or aname in names):
            out.append((aname, fn))
    return out


# ---------------------------------------------------------------- touched


def touched(e: Any, attr: str, f: Any) -> None:
    """Run `event touched <attr>` then `event touched` after `attr` was assigned. An assignment made
    by a touched event of the same entity does not run the touched events again (no endless loop)."""
    fns = functions(e.dc.entity_cls)
    if not fns or getattr(_local, "off", False):
        return
    a_fn = fns.get(("touched", attr))
    e_fn = fns.get(("touched", ""))
    if a_fn is None and e_fn is None:
        return
    running = _running("touched")
    key = id(e.rec())
    if key in running:
        return
    running.add(key)
    try:
        for fn in (a_fn, e_fn):
            if fn is not None:
                ev = _event("touched", e.dc, attr)
                fn.invoke(f, [ev], this=e)
    finally:
        running.discard(key)


def _running(what: str) -> set[int]:
    s = getattr(_local, what, None)
    if s is None:
        s = set()
        setattr(_local, what, s)
    return s


# ---------------------------------------------------------------- refusals


class Refusal:
    """An event refused the action: the status of the result and the error to report."""

    def __init__(self, status: int, error: FourDError, serious: bool):
        self.status = status
        self.error = error
        self.serious = serious


def _to_error(r: Obj) -> FourDError:
    code = r.get("errCode", UNDEFINED)
    code = int(code) if type(code) in (int, float) else 0
    message = r.get("message", UNDEFINED)
    if type(message) is not str:
        message = ""
    extra: dict[str, Any] = {}
    desc = r.get("extraDescription", UNDEFINED)
    if desc is not UNDEFINED:
        extra["extraDescription"] = desc
    return FourDError(code, message, signature="DBEV", extra=extra)


def _check(e: Any, f: Any, kind: str, attr: str | None, fn: Any) -> Refusal | None:
    validate = kind.startswith("validate")
    try:
        r = fn.invoke(f, [_event(kind, e.dc, attr)], this=e)
    except FourDError as err:
        # an error escaping the event (throw, or a runtime error): a serious refusal
        return Refusal(STATUS_SERIOUS_VALIDATION if validate else STATUS_SERIOUS, err, True)
    if not isinstance(r, Obj):
        return None
    err = _to_error(r)
    if not validate:
        return Refusal(STATUS_SERIOUS, err, True)
    serious = r.get("seriousError", UNDEFINED) is True or r.get("fatalError", UNDEFINED) is True
    return Refusal(STATUS_SERIOUS_VALIDATION if serious else STATUS_VALIDATION, err, serious)


def before(e: Any, f: Any, kinds: tuple[str, str], names: list[str] | None) -> Refusal | None:
    """Run the validate then the saving/dropping events; the first refusal stops them."""
    fns = functions(e.dc.entity_cls)
    if not fns:
        return None
    if names is not None:
        for kind, aname in fns:
            a = e.dc.attrs.get(aname) if aname else None
            if kind in kinds and a is not None and a.kind not in ("storage", "relatedEntity"):
                from ..errors import ERR_NOT_SUPPORTED

                raise FourDError(
                    ERR_NOT_SUPPORTED,
                    f"cs.{e.dc.entity_cls.name}: the {KINDS[kind]} event of the {a.kind} attribute {aname} "
                    "is not supported by mini4d yet",
                )
    for kind in kinds:
        for aname, fn in _ordered(e, fns, kind, names):
            ref = _check(e, f, kind, aname, fn)
            if ref is not None:
                return ref
        fn = fns.get((kind, ""))
        if fn is not None:
            ref = _check(e, f, kind, None, fn)
            if ref is not None:
                return ref
    return None


def after(e: Any, f: Any, kind: str, ok: bool, names: list[str], result: Obj) -> None:
    """afterSave/afterDrop: informative only. Its result is ignored; an error escaping it reaches
    the caller of save()/drop() once the action is done (it cannot undo it)."""
    fn = functions(e.dc.entity_cls).get((kind, ""))
    if fn is None:
        return
    ev = _event(kind, e.dc, None)
    save = kind == "aftersave"
    ev["savedAttributes" if save else "droppedAttributes"] = Coll(names if ok else [])
    ev["saveStatus" if save else "dropStatus"] = "success" if ok else "failed"
    status = Obj()
    status.update(result)
    ev["status"] = status
    running = _running(kind)
    key = id(e.rec())
    running.add(key)
    try:
        fn.invoke(f, [ev], this=e)
    finally:
        running.discard(key)


def forbid_in_after(e: Any, kind: str, what: str) -> None:
    """save() in afterSave (drop() in afterDrop) on the entity of the event: an error, no endless loop."""
    if id(e.rec()) in _running(kind):
        from .errors import ERR_ORDA

        raise FourDError(
            ERR_ORDA, f"{what} cannot be called on the entity of its {KINDS[kind]} event (This) of {e.dc.name}"
        )
