"""Sessions: Session, Session storage, Session info, and the New session extension."""

from __future__ import annotations

from typing import Any

from mini4d.errors import ERR_ARG_TYPE, FourDError
from mini4d.registry import command
from mini4d.values import UNDEFINED, Obj


@command("Session", 1714, "Sessions")
def session(ctx: Any) -> Any:
    """The session of the current process (the standalone session unless made with New session)."""
    return ctx.process.session


@command("Session storage", 1839, "Sessions", aliases=("Session storage by ID",))
def session_storage(ctx: Any, session_id: str) -> Any:
    """Shared storage of the session with this UUID; Null when none exists."""
    s = ctx.runtime.session(session_id)
    return s.storage if s is not None else None


@command("Session info", 1844, "Sessions")
def session_info(ctx: Any, session_id: str) -> Any:
    """Description of the session with this UUID ({type; userName; ID; ...}); Null when none exists."""
    s = ctx.runtime.session(session_id)
    return s.info() if s is not None else None


@command("New session", 0, "Sessions (mini4d extension)")
def new_session(ctx: Any, settings: Any = None) -> Any:
    """mini4d extension: open another session ({userName}) and return its 4D.Session object."""
    user = "designer"
    if settings is not None and settings is not UNDEFINED:
        if not isinstance(settings, Obj):
            raise FourDError(ERR_ARG_TYPE, 'New session takes an object such as {userName: "alice"}')
        name = settings.get("userName", UNDEFINED)
        if name is not UNDEFINED:
            if type(name) is not str:
                raise FourDError(ERR_ARG_TYPE, "New session: userName must be a text")
            user = name
    return ctx.runtime.new_session(user)
