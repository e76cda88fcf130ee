"""4D values in Python, and the rules that compare, combine and convert them.

Value model (see docs/architecture.md):
Text=str, Real=float, Integer=int (only in Integer variables), Boolean=bool,
Date=Date4D, Time=Time4D, Object=Obj, Collection=Coll, Null=None, Undefined=UNDEFINED.
"""

from __future__ import annotations

import math
import re
import threading
import unicodedata
from functools import lru_cache
from typing import Any

from .core.hooks import LOCKING
from .errors import (
    ERR_DEADLOCK,
    ERR_DIV_ZERO,
    ERR_NULL_PROPERTY,
    ERR_OUTSIDE_USE,
    ERR_SHARED_GROUP,
    ERR_SHARED_VALUE,
    ERR_SIZE_LIMIT,
    ERR_TYPE_MISMATCH,
    FourDError,
)

# ---------------------------------------------------------------- Undefined


class _Undefined:
    """4D's Undefined: "no value" (missing property, unassigned Variant)."""

    __slots__ = ()
    _instance: _Undefined | None = None

    def __new__(cls) -> _Undefined:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNDEFINED"

    def __bool__(self) -> bool:
        return False

    def __reduce__(self) -> str:
        return "UNDEFINED"


UNDEFINED = _Undefined()


class _Unset:
    """Marks a local slot that was never declared nor assigned."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "UNSET"


UNSET = _Unset()

# ---------------------------------------------------------------- Dates and times


def _days_from_civil(y: int, m: int, d: int) -> int:
    # Proleptic Gregorian day count (Howard Hinnant's algorithm): works for 4D's
    # whole date range (years 100..32767), unlike datetime.date.
    y -= m <= 2
    era = (y if y >= 0 else y - 399) // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def _civil_from_days(z: int) -> tuple[int, int, int]:
    z += 719468
    era = (z if z >= 0 else z - 146096) // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    y = yoe + era * 400
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + (3 if mp < 10 else -9)
    return y + (m <= 2), m, d


class Date4D:
    """A 4D date (day precision). Date4D(0, 0, 0) is the null date !00-00-00!."""

    __slots__ = ("y", "m", "d", "_days")

    def __init__(self, y: int, m: int, d: int):
        self.y = y
        self.m = m
        self.d = d
        self._days = None if (y, m, d) == (0, 0, 0) else _days_from_civil(y, m, d)

    @classmethod
    def from_days(cls, days: int) -> Date4D:
        y, m, d = _civil_from_days(days)
        if y < 1 or y > 32767:
            return NULL_DATE
        return cls(y, m, d)

    @property
    def is_null(self) -> bool:
        return self._days is None

    @property
    def days(self) -> int:
        """Day count (null date counts as 0; used only for arithmetic)."""
        return 0 if self._days is None else self._days

    def weekday(self) -> int:
        """4D's Day number: 1 = Sunday .. 7 = Saturday."""
        if self._days is None:
            return 0
        return (self._days + 4) % 7 + 1  # 1970-01-01 was a Thursday

    def iso(self) -> str:
        return f"{self.y:04d}-{self.m:02d}-{self.d:02d}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Date4D) and (self.y, self.m, self.d) == (other.y, other.m, other.d)

    def __hash__(self) -> int:
        return hash(("D", self.y, self.m, self.d))

    def __repr__(self) -> str:
        return f"Date4D({self.y}, {self.m}, {self.d})"


NULL_DATE = Date4D(0, 0, 0)


def make_date(y: int, m: int, d: int) -> Date4D:
    """A valid date, or the null date when the parts do not make one."""
    if y == 0 and m == 0 and d == 0:
        return NULL_DATE
    if not (1 <= m <= 12 and 1 <= d <= 31 and 1 <= y <= 32767):
        return NULL_DATE
    if d > days_in_month(y, m):
        return NULL_DATE
    return Date4D(y, m, d)


def days_in_month(y: int, m: int) -> int:
    if m == 2:
        return 29 if (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)) else 28
    return 30 if m in (4, 6, 9, 11) else 31


class Time4D:
    """A 4D time: a number of seconds, which may exceed 24 hours."""

    __slots__ = ("s",)

    def __init__(self, s: float):
        self.s = s

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Time4D) and self.s == other.s

    def __hash__(self) -> int:
        return hash(("T", self.s))

    def __repr__(self) -> str:
        return f"Time4D({self.s})"

    def hms(self) -> str:
        s = int(self.s)
        sign = "-" if s < 0 else ""
        s = abs(s)
        return f"{sign}{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}"


# ---------------------------------------------------------------- Objects and collections

_local = threading.local()


def current_process() -> Any:
    """The 4D process running on this thread (set by the runtime), or None."""
    return getattr(_local, "process", None)


def set_current_process(process: Any) -> None:
    _local.process = process


class Obj(dict):
    """A 4D object: ordered, case-sensitive properties, by reference.

    `group` is the SharedGroup of a shared object (None for a standard object).
    Object literals skip __init__: `Obj.__new__(Obj)` then `group = None` (keep them in step).
    """

    __slots__ = ("group",)
    group: SharedGroup | None

    def __init__(self, *args: Any, **kwargs: Any):
        dict.__init__(self, *args, **kwargs)
        self.group = None

    def __eq__(self, other: object) -> bool:  # 4D compares objects by reference
        return self is other

    def __ne__(self, other: object) -> bool:
        return self is not other

    __hash__ = object.__hash__  # type: ignore[assignment]  # by reference: hashable, unlike a dict

    def __repr__(self) -> str:
        return f"Obj({dict.__repr__(self)})"


class Coll(list):
    """A 4D collection: 0-based, mixed types, by reference.

    Collection literals skip __init__: `Coll.__new__(Coll)` then `group = None` (keep them in step).
    """

    __slots__ = ("group",)
    group: SharedGroup | None

    def __init__(self, *args: Any):
        list.__init__(self, *args)
        self.group = None

    def __eq__(self, other: object) -> bool:
        return self is other

    def __ne__(self, other: object) -> bool:
        return self is not other

    __hash__ = object.__hash__  # type: ignore[assignment]  # by reference: hashable, unlike a list

    def __repr__(self) -> str:
        return f"Coll({list.__repr__(self)})"


class SharedGroup:
    """The lock shared by a group of shared objects/collections.

    Re-entrant per 4D process, counted, blocking other processes, never timing out.
    A process that would close a cycle of processes waiting on each other's groups
    gets a deadlock error (90052) instead of hanging.

    `held` is a plain lock that is locked while a process holds the group; it is only ever
    tried, never waited on, so the group always goes to a process that is running (a
    sleeping process cannot take it behind the interpreter's back and make the running one
    block). A process that finds it taken queues itself in `sleepers` and sleeps on a lock
    of its own; the last `End use` of the holder wakes one sleeper, and no other while the
    one woken (`woken`) has not run. `owner` and `count` say who holds the group and how
    deeply; only the holder changes them.
    """

    __slots__ = (
        "__weakref__",
        "count",
        "held",
        "is_storage",
        "members",
        "merged_into",
        "mutex",
        "owner",
        "sleepers",
        "strict",
        "woken",
    )

    def __init__(self, is_storage: bool = False, strict: bool = False):
        self.held = threading.Lock()
        self.mutex = threading.Lock()  # guards sleepers and woken
        self.owner: Any = None
        self.count = 0
        self.sleepers: list[_Sleeper] = []
        self.woken: _Sleeper | None = None
        self.members = 0
        self.is_storage = is_storage
        self.strict = strict  # Storage: only shared objects and collections may be stored
        self.merged_into: SharedGroup | None = None

    @property
    def waiters(self) -> int:
        """Processes asleep waiting for this group."""
        return len(self.sleepers)

    def root(self) -> SharedGroup:
        g = self
        while g.merged_into is not None:
            g = g.merged_into
        return g

    def held_by(self, process: Any) -> bool:
        if process is None:
            process = _anonymous()
        g = self
        while g.merged_into is not None:
            g = g.merged_into
        return g.owner is process and g.count > 0

    def acquire(self, process: Any) -> None:
        hooks = LOCKING.hooks
        if hooks is not None:
            hooks.acquire(self, process)
            return
        if process is None:
            process = _anonymous()
        g = self
        while g.merged_into is not None:
            g = g.merged_into
        if g.owner is process:
            g.count += 1  # nested Use: only the holder sets the owner to itself
            return
        held = g.held
        if held.acquire(False):
            if g.merged_into is None:
                g.owner = process
                g.count = 1
                return
            held.release()  # merged meanwhile: the group it joined decides
        _acquire_slow(self, process)

    def release(self, process: Any) -> None:
        hooks = LOCKING.hooks
        if hooks is not None:
            hooks.release(self, process)
            return
        if process is None:
            process = _anonymous()
        g = self
        while g.merged_into is not None:
            g = g.merged_into
        if g.owner is not process:
            return
        g.count -= 1
        if g.count > 0:
            return
        # The lock goes before the sleepers are looked at, and a sleeper queues itself before it
        # tries the lock (_acquire_slow): either it gets the group, or it is in the queue seen here.
        g.owner = None
        g.held.release()
        if g.sleepers and g.woken is None:
            _wake_one(g)

    def use(self, process: Any) -> _UseContext:
        """`with group.use(process):` holds the group for the block (internal Use...End use)."""
        return _UseContext(self, process)


class _UseContext:
    __slots__ = ("group", "process")

    def __init__(self, group: SharedGroup, process: Any):
        self.group = group
        self.process = process

    def __enter__(self) -> SharedGroup:
        self.group.acquire(self.process)
        return self.group

    def __exit__(self, *exc: object) -> None:
        self.group.release(self.process)


# Which group each blocked process waits for: the wait-for graph of deadlock detection.
_waits: dict[Any, SharedGroup] = {}
_waits_lock = threading.Lock()
DEADLOCK_POLL = 0.05  # seconds a blocked process sleeps between looks at cycles and stop requests


class _Anonymous:
    """Who holds a group for a thread that runs no 4D process (one per thread)."""

    __slots__ = ()


def _anonymous() -> Any:
    try:
        return _local.anonymous
    except AttributeError:
        a = _local.anonymous = _Anonymous()
        return a


class _Sleeper:
    """A process asleep in `_acquire_slow`: the lock it sleeps on, and whether it is queued."""

    __slots__ = ("queued", "wake")

    def __init__(self) -> None:
        self.wake = threading.Lock()
        self.wake.acquire()  # locked: acquiring it again sleeps until a release wakes it
        self.queued = False


def _wake_one(g: SharedGroup) -> None:
    """The group went free with sleepers and none woken: wake the longest asleep."""
    with g.mutex:
        if g.woken is None and g.sleepers and not g.held.locked():
            s = g.sleepers.pop(0)
            s.queued = False
            g.woken = s
            s.wake.release()


def _dequeue(g: SharedGroup, me: _Sleeper) -> None:
    with g.mutex:
        if me.queued:
            g.sleepers.remove(me)
            me.queued = False
        if g.woken is me:
            g.woken = None


def _find_cycle(process: Any, group: SharedGroup) -> list[Any] | None:
    """Processes of a wait-for cycle through `process` (called with _waits_lock held)."""
    chain = [process]
    g = group.root()
    seen = {id(process)}
    while True:
        owner = g.owner
        if owner is None:
            return None
        if owner is process:
            return chain
        if id(owner) in seen:
            return None
        seen.add(id(owner))
        chain.append(owner)
        nxt = _waits.get(owner)
        if nxt is None:
            return None
        g = nxt.root()


def _describe_process(p: Any) -> str:
    number = getattr(p, "number", None)
    name = getattr(p, "name", "")
    return f"process {number} ({name})" if number is not None else "a thread"


def _deadlock_error(cycle: list[Any], process: Any) -> FourDError:
    names = " -> ".join(_describe_process(p) for p in cycle + [process])
    return FourDError(
        ERR_DEADLOCK,
        f"Deadlock: the processes wait for each other's shared objects ({names}); "
        "Use...End use blocks must take shared groups in the same order",
    )


def _acquire_slow(group: SharedGroup, process: Any) -> None:
    """Block until the group is free for `process`; report a deadlock instead of hanging.

    The process queues itself, tries the group's lock, and sleeps until a releasing holder
    wakes it or for DEADLOCK_POLL seconds at most; each time it wakes it looks for a stop
    request (Ctrl-C), and after a sleep that nobody ended, for a cycle of waits. Recording the
    wait, looking for a cycle and withdrawing the process that found one happen under one lock,
    so a cycle is reported to exactly one of its processes: the one that closes it, or the
    first to look again when an owner was being set at the moment it closed.
    """
    previous_state = getattr(process, "state", 0)
    me = _Sleeper()
    look = True  # look for a cycle before the next sleep
    registered = False  # in the wait-for graph
    g = group
    try:
        while True:
            g = group.root()
            with g.mutex:
                if g.merged_into is not None:
                    continue
                if g.woken is me:
                    g.woken = None  # woken and running: the next End use may wake another
                if not me.queued:
                    me.wake.acquire(False)  # locked again whether a wake was used or not
                    g.sleepers.append(me)
                    me.queued = True
            held = g.held
            if held.acquire(False):
                if g.merged_into is None:
                    g.owner = process
                    g.count = 1
                    return
                held.release()
                _dequeue(g, me)
                continue
            if g.owner is process:  # the group it waited for joined one this process holds
                g.count += 1
                return
            if look:
                with _waits_lock:
                    _waits[process] = group
                    registered = True
                    cycle = _find_cycle(process, group)
                    if cycle is not None:
                        del _waits[process]
                        registered = False
                        raise _deadlock_error(cycle, process)
                look = False
                if hasattr(process, "state"):
                    process.state = 4  # Waiting for internal flag
            woken = me.wake.acquire(True, DEADLOCK_POLL)
            if getattr(process, "stop_requested", False) is True:
                raise FourDError(1006, "Program interrupted by user")
            if not woken:
                look = True
    finally:
        _dequeue(g, me)
        if g.woken is None and g.sleepers and not g.held.locked():
            _wake_one(g)  # a wake meant for this process must not be lost
        if registered:
            with _waits_lock:
                _waits.pop(process, None)
        if hasattr(process, "state"):
            process.state = previous_state


def check_writable(target: Obj | Coll) -> None:
    """Raise unless a shared object/collection is inside a Use of the current process."""
    group = target.group
    if group is None:
        return
    if not group.held_by(current_process()):
        kind = "collection" if isinstance(target, Coll) else "object"
        raise FourDError(
            ERR_OUTSIDE_USE,
            f"Modification of a shared {kind} outside Use...End use is not allowed",
        )


def is_shared(v: Any) -> bool:
    return isinstance(v, (Obj, Coll)) and v.group is not None


def share_value(container: Obj | Coll, value: Any) -> Any:
    """Check (and adapt) a value stored into a shared object or collection.

    Shared values join the container's group (groups merge, permanently); Storage
    and session storage never form groups. Standard objects are refused with -10721.
    """
    group = container.group
    assert group is not None  # only a shared container takes values this way
    t = type(value)
    if (
        t is float
        or t is str
        or t is bool
        or value is None
        or value is UNDEFINED
        or t is int
        or isinstance(value, (Time4D, Date4D))
    ):
        if group.strict:
            # docs/commands/storage.md: Storage takes only shared objects and collections.
            raise FourDError(
                ERR_SHARED_VALUE,
                "Not supported value type in a shared object or shared collection: Storage accepts only shared "
                f"objects and shared collections, not {type_name(value)}",
            )
        return float(value) if t is int else value
    if isinstance(value, (Obj, Coll)):
        vg = value.group
        if vg is None:
            raise FourDError(ERR_SHARED_VALUE, "Not supported value type in a shared object or shared collection")
        cg = group.root()
        if cg.is_storage:
            return value
        vg_root = vg.root()
        if vg_root is cg:
            return value
        if vg_root.members <= 1 and not vg_root.is_storage and _merge_groups(vg_root, cg, current_process()):
            return value
        raise FourDError(
            ERR_SHARED_GROUP,
            "This shared object or collection already belongs to another shared group "
            "(a shared group is permanent; store a copy made with OB Copy(value; ck shared; target))",
        )
    shareable = getattr(value, "shareable_4d", None)  # a shareable ORDA entity selection (docs/ORDA/entities.md)
    if shareable is not None and shareable():
        return value
    raise FourDError(ERR_SHARED_VALUE, "Not supported value type in a shared object or shared collection")


def _merge_groups(src: SharedGroup, dst: SharedGroup, process: Any) -> bool:
    """A lone shared value (a group of one) joins dst for good: locking one locks both.

    src is taken first so that no other process is inside a Use of it while it moves. The
    current process's own Use nesting on src carries over to dst, which it then holds as
    deeply. False when another process moved the value into another group meanwhile.
    """
    if process is None:
        process = _anonymous()
    src.acquire(process)
    if src.merged_into is not None:  # another process merged it first
        joined = src.root()
        src.release(process)
        return joined is dst
    carried = src.count - 1
    if carried > 0:
        if dst.owner is process:
            dst.count += carried
        else:
            dst.acquire(process)
            dst.count += carried - 1
    dst.members += src.members
    src.members = 0
    with src.mutex:
        src.merged_into = dst  # whoever looks at src from now on moves on to dst
        src.owner = None
        src.count = 0
        for s in src.sleepers:  # the sleepers of src wake and queue on dst
            s.queued = False
            s.wake.release()
        src.sleepers.clear()
        src.woken = None
    src.held.release()
    return True


def new_shared_group() -> SharedGroup:
    g = SharedGroup()
    g.members = 1
    return g


# ---------------------------------------------------------------- Type names

IS_REAL = 1
IS_TEXT = 2
IS_PICTURE = 3
IS_DATE = 4
IS_UNDEFINED = 5
IS_BOOLEAN = 6
IS_LONGINT = 9
IS_TIME = 11
IS_VARIANT = 12
IS_POINTER = 23
IS_BLOB = 30
IS_OBJECT = 38
IS_COLLECTION = 42
IS_NULL = 255


def value_type(v: Any) -> int:
    """`Value type`: interpreted mode reports every number as Is real."""
    t = type(v)
    if t is float or t is int:
        return IS_REAL
    if t is str:
        return IS_TEXT
    if t is bool:
        return IS_BOOLEAN
    if v is None:
        return IS_NULL
    if v is UNDEFINED:
        return IS_UNDEFINED
    if isinstance(v, Coll):
        return IS_COLLECTION
    if isinstance(v, Date4D):
        return IS_DATE
    if isinstance(v, Time4D):
        return IS_TIME
    code = getattr(v, "value_type_code", None)
    if code is not None:
        return code
    return IS_OBJECT


def type_name(v: Any) -> str:
    """A short 4D type name for messages."""
    return {
        IS_REAL: "Number",
        IS_TEXT: "Text",
        IS_DATE: "Date",
        IS_UNDEFINED: "Undefined",
        IS_BOOLEAN: "Boolean",
        IS_TIME: "Time",
        IS_POINTER: "Pointer",
        IS_OBJECT: "Object",
        IS_COLLECTION: "Collection",
        IS_NULL: "Null",
        IS_PICTURE: "Picture",
        IS_BLOB: "Blob",
    }.get(value_type(v), "Array" if getattr(v, "is_4d_array", False) else "Value")


def is_number(v: Any) -> bool:
    t = type(v)
    return t is float or t is int


# ---------------------------------------------------------------- Truthiness


def truthy(v: Any) -> bool:
    """Truthiness for &&, || and ?: — 0 is truthy; "", [], {}, Null, null date are not."""
    t = type(v)
    if t is bool:
        return v
    if t is float or t is int:
        return True
    if t is str:
        return v != ""
    if v is None or v is UNDEFINED:
        return False
    if t is Obj or t is Coll:
        return len(v) > 0
    if isinstance(v, Date4D):
        return not v.is_null
    if isinstance(v, (Obj, Coll)):
        return len(v) > 0
    falsy = getattr(v, "is_null_value", None)
    if falsy is not None:
        return not falsy()
    return True


def condition(v: Any) -> bool:
    """If/While/Case condition: a Boolean; Undefined counts as False."""
    if v is True:
        return True
    if v is False or v is UNDEFINED:
        return False
    raise FourDError(ERR_TYPE_MISMATCH, f"A Boolean was expected, got {type_name(v)}")


# ---------------------------------------------------------------- Text comparison


# Characters a text comparison ignores: 4D compares texts with ICU collation, where control and
# format characters are completely ignorable (kb.4d.com 75170: "A"+Char(0)+"B" = "A"+Char(3)+"B"
# is True since 4D v11), so `Char(1)=""` is True. Tab, line feed, vertical tab, form feed,
# carriage return and next line are white space in collation: they still count.
_COUNTED_CONTROLS = frozenset("\t\n\x0b\x0c\r\x85")


def is_ignorable(c: str) -> bool:
    """Whether text comparison ignores this character (a control or format character other than white space)."""
    return unicodedata.category(c) in ("Cc", "Cf") and c not in _COUNTED_CONTROLS


_ASCII_IGNORABLE = dict.fromkeys((*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F))  # is_ignorable, ASCII part


@lru_cache(maxsize=65536)
def fold(s: str) -> str:
    """Case- and accent-insensitive key of a text (4D's default text comparison), ignorable characters left out."""
    if s.isascii():
        if s.isprintable():
            return s.lower()
        return s.translate(_ASCII_IGNORABLE).lower()
    decomposed = unicodedata.normalize("NFKD", s)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c) and not is_ignorable(c))
    return stripped.casefold()


@lru_cache(maxsize=4096)
def _wildcard_regex(pattern: str) -> re.Pattern[str] | None:
    if "@@" in pattern:
        return None
    parts = [re.escape(fold(p)) for p in pattern.split("@")]
    return re.compile(".*".join(parts), re.DOTALL)


def text_eq(a: str, b: str) -> bool:
    """Text `=`: case/accent-insensitive; `@` in the right operand is a wildcard."""
    if "@" in b:
        rx = _wildcard_regex(b)
        if rx is None:
            return False
        return rx.fullmatch(fold(a)) is not None
    if a == b:
        return True
    return fold(a) == fold(b)


def text_cmp(a: str, b: str) -> int:
    """Ordering of texts; a single trailing `@` on the right compares as a prefix."""
    fa = fold(a)
    if b.endswith("@") and "@" not in b[:-1]:
        fb = fold(b[:-1])
        fa = fa[: len(fb)]
    else:
        fb = fold(b)
    if fa == fb:
        return 0
    return -1 if fa < fb else 1


# ---------------------------------------------------------------- Equality and ordering

REAL_EPSILON = [1e-6]


def num_eq(a: float, b: float) -> bool:
    if a == b:
        return True
    d = a - b
    eps = REAL_EPSILON[0]
    return -eps <= d <= eps


def equal(a: Any, b: Any) -> bool:
    """4D `=` (Boolean result); raises on incompatible types."""
    ta = type(a)
    tb = type(b)
    if ta is str and tb is str:
        return text_eq(a, b)
    if (ta is float or ta is int) and (tb is float or tb is int):
        return num_eq(a, b)
    if a is None or a is UNDEFINED:
        return b is None or b is UNDEFINED
    if b is None or b is UNDEFINED:
        return False
    if ta is bool and tb is bool:
        return a is b
    if ta is Date4D and tb is Date4D:
        return a == b
    if ta is Time4D or tb is Time4D:
        sa = _seconds(a)
        sb = _seconds(b)
        if sa is not None and sb is not None:
            return num_eq(sa, sb)
    if isinstance(a, (Obj, Coll)) or isinstance(b, (Obj, Coll)):
        return a is b
    pa = getattr(a, "pointer_equal", None)
    if pa is not None:
        return pa(b)
    if type(a) is type(b) and not isinstance(a, (str, float, int, bool)):
        return a is b
    raise FourDError(ERR_TYPE_MISMATCH, f"Cannot compare {type_name(a)} with {type_name(b)}")


def _seconds(v: Any) -> float | None:
    t = type(v)
    if t is Time4D:
        return v.s
    if t is float or t is int:
        return v
    return None


def compare(a: Any, b: Any, op: str) -> bool:
    """4D `<`, `>`, `<=`, `>=`."""
    ta = type(a)
    tb = type(b)
    if (ta is float or ta is int) and (tb is float or tb is int):
        if a != a or b != b:
            return False  # an undefined number (NaN) is neither smaller nor larger than any number, like = (num_eq)
        c = (a > b) - (a < b)
    elif ta is str and tb is str:
        c = text_cmp(a, b)
    elif ta is Date4D and tb is Date4D:
        c = (a.days > b.days) - (a.days < b.days) if not (a.is_null or b.is_null) else _null_date_cmp(a, b)
    elif (ta is Time4D or tb is Time4D) and (sa := _seconds(a)) is not None and (sb := _seconds(b)) is not None:
        c = (sa > sb) - (sa < sb)
    elif a is None or b is None:
        raise FourDError(ERR_TYPE_MISMATCH, f"Null cannot be compared with {op}")
    elif a is UNDEFINED or b is UNDEFINED:
        other = b if a is UNDEFINED else a
        if type(other) in (str, float, int, Date4D, Time4D):
            return False
        raise FourDError(ERR_TYPE_MISMATCH, f"Undefined cannot be compared with {type_name(other)}")
    else:
        raise FourDError(ERR_TYPE_MISMATCH, f"Cannot compare {type_name(a)} with {type_name(b)}")
    if op == "<":
        return c < 0
    if op == ">":
        return c > 0
    if op == "<=":
        return c <= 0
    return c >= 0


def _null_date_cmp(a: Date4D, b: Date4D) -> int:
    da = -1 if a.is_null else a.days
    db = -1 if b.is_null else b.days
    return (da > db) - (da < db)


# ---------------------------------------------------------------- Arithmetic


def _mismatch(op: str, a: Any, b: Any) -> FourDError:
    return FourDError(
        ERR_TYPE_MISMATCH,
        f"Incompatible types: {type_name(a)} {op} {type_name(b)}",
    )


def _num(v: Any) -> float | None:
    t = type(v)
    if t is float or t is int:
        return v
    if t is Time4D:
        return v.s
    return None


def _norm_num(x: float | int) -> float | int:
    # Keep results inside Real: huge integers would be exact in Python, not in 4D.
    if type(x) is int and not -9007199254740992 <= x <= 9007199254740992:
        return float(x)
    return x


def add(a: Any, b: Any) -> Any:
    ta, tb = type(a), type(b)
    if ta is str and tb is str:
        return a + b
    if ta is Date4D and (tb is float or tb is int):
        return _shift_date(a, b)
    if ta is Time4D and tb is Time4D:
        return Time4D(a.s + b.s)
    na, nb = _num(a), _num(b)
    if na is not None and nb is not None and ta is not bool and tb is not bool:
        return _norm_num(na + nb)
    raise _mismatch("+", a, b)


# The largest text a value may hold, in bytes of memory (4D texts hold up to 2 GB of UTF-16).
# Python stores a text with 1, 2 or 4 bytes per character, as its widest character needs.
MAX_TEXT = 2**30


def text_bytes(n: int, sample: str) -> int:
    """The memory of a text of n characters as wide as those of `sample`."""
    if sample.isascii():
        return n
    widest = ord(max(sample))
    return n * (1 if widest < 0x100 else 2 if widest < 0x10000 else 4)


def _shift_date(d: Date4D, days: float) -> Date4D:
    """Date + days; outside 4D's date range (or INF) the result is the null date."""
    if d.is_null or not math.isfinite(days) or abs(days) > 20_000_000:
        return NULL_DATE
    return Date4D.from_days(d.days + int(math.floor(days)))


def sub(a: Any, b: Any) -> Any:
    ta, tb = type(a), type(b)
    if ta is Date4D and tb is Date4D:
        return float(a.days - b.days)
    if ta is Date4D and (tb is float or tb is int):
        return _shift_date(a, -b)
    if ta is Time4D and tb is Time4D:
        return Time4D(a.s - b.s)
    na, nb = _num(a), _num(b)
    if na is not None and nb is not None and ta is not bool and tb is not bool:
        return _norm_num(na - nb)
    raise _mismatch("-", a, b)


def mul(a: Any, b: Any) -> Any:
    ta, tb = type(a), type(b)
    if ta is str and (tb is float or tb is int):
        if not math.isfinite(b) or b < 1 or not a:
            return ""
        n = int(b)
        if n > MAX_TEXT or text_bytes(n * len(a), a) > MAX_TEXT:
            raise FourDError(ERR_SIZE_LIMIT, f"The repeated text would exceed {MAX_TEXT:,} bytes")
        return a * n
    na, nb = _num(a), _num(b)
    if na is not None and nb is not None and ta is not bool and tb is not bool:
        return _norm_num(na * nb)
    raise _mismatch("*", a, b)


def div(a: Any, b: Any) -> Any:
    na, nb = _num(a), _num(b)
    if na is None or nb is None or type(a) is bool or type(b) is bool:
        raise _mismatch("/", a, b)
    if nb == 0:
        if na == 0:
            return math.nan
        return math.inf if na > 0 else -math.inf
    return na / nb


def intdiv(a: Any, b: Any) -> Any:
    na, nb = _num(a), _num(b)
    if na is None or nb is None or type(a) is bool or type(b) is bool:
        raise _mismatch("\\", a, b)
    if nb == 0:
        raise FourDError(ERR_DIV_ZERO, "Division by zero")
    # 4D: a\b = Int(a/b) (spec/syntax.md §4.3)
    q = na / nb
    return float(math.floor(q)) if math.isfinite(q) else float(q)


def mod(a: Any, b: Any) -> Any:
    ta, tb = type(a), type(b)
    if ta is Time4D and tb is Time4D:
        if int(b.s) == 0:
            raise FourDError(ERR_DIV_ZERO, "Division by zero")
        return Time4D(math.fmod(int(a.s), int(b.s)))
    if ta is str and tb is str:
        return keyword_match(a, b)
    na, nb = _num(a), _num(b)
    if na is None or nb is None or ta is bool or tb is bool:
        raise _mismatch("%", a, b)
    if not (math.isfinite(na) and math.isfinite(nb)):
        return math.nan  # INF has no integer form: an undefined number, like Log(-1)
    ia, ib = int(na), int(nb)  # operands are used as integers (10.5 % 2 = 0)
    if ib == 0:
        raise FourDError(ERR_DIV_ZERO, "Division by zero")
    return float(int(math.fmod(ia, ib)))


def power(a: Any, b: Any) -> Any:
    na, nb = _num(a), _num(b)
    if na is None or nb is None or type(a) is bool or type(b) is bool:
        raise _mismatch("^", a, b)
    try:
        r = float(na) ** float(nb)
    except OverflowError:
        return math.inf
    except ZeroDivisionError:
        return math.inf
    if isinstance(r, complex):
        return math.nan
    return r


def _int32(v: Any, op: str, other: Any) -> int:
    n = _num(v)
    if n is None or type(v) is bool:
        raise _mismatch(op, v, other)
    if isinstance(n, float) and (math.isnan(n) or math.isinf(n)):
        return 0
    return wrap_int32(int(n))


def _wrap32(i: int) -> float:
    return float(wrap_int32(i))


def bit_and(a: Any, b: Any) -> Any:
    if type(a) is bool and type(b) is bool:
        return a and b
    return _wrap32(_int32(a, "&", b) & _int32(b, "&", a))


def bit_or(a: Any, b: Any) -> Any:
    if type(a) is bool and type(b) is bool:
        return a or b
    return _wrap32(_int32(a, "|", b) | _int32(b, "|", a))


def bit_xor(a: Any, b: Any) -> Any:
    return _wrap32(_int32(a, "^|", b) ^ _int32(b, "^|", a))


def shl(a: Any, b: Any) -> Any:
    n = _int32(b, "<<", a)
    if n < 0 or n > 31:
        return 0.0
    return _wrap32(_int32(a, "<<", b) << n)


def shr(a: Any, b: Any) -> Any:
    n = _int32(b, ">>", a)
    if n < 0 or n > 31:
        return 0.0
    return _wrap32((_int32(a, ">>", b) & 0xFFFFFFFF) >> n)


def bit_set(a: Any, b: Any) -> Any:
    return _wrap32(_int32(a, "?+", b) | (1 << (_int32(b, "?+", a) & 31)))


def bit_clear(a: Any, b: Any) -> Any:
    return _wrap32(_int32(a, "?-", b) & ~(1 << (_int32(b, "?-", a) & 31)))


def bit_test(a: Any, b: Any) -> Any:
    return bool(_int32(a, "??", b) & (1 << (_int32(b, "??", a) & 31)))


# Words for `%`: numbers keep their decimal separators ("12.5" is one word) and an
# apostrophe inside a word is part of it ("Today's"), as with ICU word boundaries.
# (compiled by `re` at the first `%`, not at start-up)
_WORD = r"\d+(?:[.,]\d+)+|\w+(?:['\u2019]\w+)*"


def keyword_match(text: str, word: str) -> bool:
    """Text % word: True when `word` is a whole word of `text` (trailing @ allowed)."""
    w = word.strip()
    prefix = w.endswith("@")
    core = w[:-1] if prefix else w
    if not core or re.fullmatch(_WORD, core) is None:
        return False
    target = fold(core)
    words = [fold(x) for x in re.findall(_WORD, text)]
    if prefix:
        return any(x.startswith(target) for x in words)
    return target in words


def negate(v: Any) -> Any:
    t = type(v)
    if t is float or t is int:
        return -v
    if t is Time4D:
        return Time4D(-v.s)
    raise FourDError(ERR_TYPE_MISMATCH, f"Cannot negate a {type_name(v)}")


# ---------------------------------------------------------------- Integers


def round_half_away(x: float) -> int:
    """A finite number rounded to an integer, halves away from zero (`Round`, Integer variables, `Mod`)."""
    return int(x + 0.5) if x >= 0 else -int(0.5 - x)


def wrap_int32(i: int) -> int:
    """An integer as a 32-bit Integer holds it: wrapped around, as 4D's Longint arithmetic does."""
    i &= 0xFFFFFFFF
    return i - 0x100000000 if i & 0x80000000 else i


# ---------------------------------------------------------------- Display and conversion


def format_number(x: float | int) -> str:
    """String(number): up to 13 significant digits, trailing zeros dropped."""
    t = type(x)
    if t is float:
        if -1e15 < x < 1e15:  # False for NaN and infinities
            i = int(x)
            if i == x:
                return str(i)  # an integral Real prints as an integer ("-0" included: "0")
    elif t is int:
        return str(x)
    if x != x:
        return ""
    if x == math.inf:
        return "INF"
    if x == -math.inf:
        return "-INF"
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    s = f"{x:.13g}"
    if "e" in s:
        mant, exp = s.split("e")
        sign = exp[0]
        digits = exp[1:].lstrip("0") or "0"
        s = f"{mant}e{sign}{digits}"
    if s == "-0":
        return "0"
    return s


def format_date_default(d: Date4D) -> str:
    """String(date) without format: the system short date (US form MM/DD/YYYY)."""
    if d.is_null:
        return "00/00/00"
    return f"{d.m:02d}/{d.d:02d}/{d.y:04d}"


def to_text(v: Any) -> str:
    """String(v) without a format."""
    t = type(v)
    if t is str:
        return v
    if t is float:
        if -1e15 < v < 1e15:  # integral Reals first, as format_number does
            i = int(v)
            if i == v:
                return str(i)
        return format_number(v)
    if t is int:
        return format_number(v)
    if t is bool:
        return "True" if v else "False"
    if v is UNDEFINED:
        return ""
    if v is None:
        return "null"
    if t is Date4D:
        return format_date_default(v)
    if t is Time4D:
        return v.hms()
    if getattr(v, "is_4d_array", False):  # String takes a value, not an array (compiled 4D refuses it too)
        raise FourDError(ERR_TYPE_MISMATCH, "An array cannot be converted to text: pass one of its elements")
    from .jsonfmt import stringify

    return stringify(v)


def default_for(type_name_: str | None) -> Any:
    """Default value of a declared type (spec/values.md §2): a class type starts as Null, no type as Undefined."""
    if type_name_ is None:
        return UNDEFINED
    if type_name_.startswith(("cs.", "4d.", "4D.")):
        return None
    return DEFAULTS.get(type_name_, UNDEFINED)


DEFAULTS: dict[str, Any] = {
    "text": "",
    "integer": 0,
    "longint": 0,
    "real": 0.0,
    "boolean": False,
    "date": NULL_DATE,
    "time": Time4D(0),
    "object": None,
    "collection": None,
    "pointer": None,
    "picture": None,
    "blob": None,
    "variant": UNDEFINED,
}


def empty_like(cur: Any) -> Any:
    """The empty value of a value's type: what assigning Undefined to an existing property
    leaves there, and what `Choose` gives when no value is chosen (values.md §3.2)."""
    t = type(cur)
    if t is str:
        return ""
    if t is float or t is int:
        return 0.0
    if t is bool:
        return False
    if t is Date4D:
        return NULL_DATE
    if t is Time4D:
        return Time4D(0)
    return None


def read_prop_of_null(name: str) -> FourDError:
    return FourDError(ERR_NULL_PROPERTY, f'Cannot read property "{name}" of Null')
