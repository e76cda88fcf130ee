"""The extension points of the core: how code outside it gives its own objects a meaning in 4D.

Commands, constants and member functions of built-in classes are attached through the
registry (`@command`, `@member`, `constant`; `compile=`, `declares=` and `returns=` for
commands that compile specially, declare variables or always return one type). Syntax is
compiled by the interpreter's own methods, one per node type (lang/interpreter.py); a part of
mini4d above the core (the datastore) gives a node type its compiler with
`interpreter.add_compiler`. Everything else is below, in one place.

**The 4D object protocol.** A Python object that stands for a 4D value other than
`Obj`/`Coll` answers the core through these attributes (all optional):

| attribute | used by |
| --- | --- |
| `get_4d_property(name)`, `set_4d_property(name, v)` | `o.name`, `o.name:=v`, `o["name"]` |
| `call_4d_member(ctx, name, args, span)` | `o.name(...)` |
| `get_4d_index(i)`, `set_4d_index(i, v)` | `o[i]`, `o[i]:=v` |
| `iter_4d()`, `keys_4d()` | `For each`, `OB Keys` |
| `class_name`, `value_type_code` | member functions registered for that class, `Value type`, `OB Class` |
| `is_4d_object`, `is_formula`, `is_pointer`, `is_4d_array` | typed variables and parameters, calls |
| `is_shared_4d` | `OB Is shared` of a 4D object that is shared without a group of its own (class objects) |
| `pointer_equal(other)`, `to_json()` | `=` on pointers, `JSON Stringify` |

**Direct paths by type.** For the types that need no other check, these tables let the
hottest closures skip the general path (lang/core/access.py, lang/core/calls.py): they must
give exactly what the general path gives.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# type -> fn(receiver, name) giving what a member call can run directly, or None when the general
# member call must decide: a fn(caller, args, span, receiver, process) such as the `Code.call` of
# a class function. Set by lang/classes.py (instances, `cs.Name.new()`) and lang/formulas.py
# (`formula.call()`).
MEMBER_CALL_HOOKS: dict[type, Callable[[Any, str], Any]] = {}

# type -> its get_4d_property, for property reads (lang/classes.py: instances, classes, stores).
PROPERTY_HOOKS: dict[type, Callable[[Any, str], Any]] = {}

# type -> its set_4d_property, for property stores (lang/classes.py: instances).
STORE_HOOKS: dict[type, Callable[[Any, str, Any], None]] = {}


# type -> fn(receiver) giving its computed properties (a falsy value when it has none): a receiver
# without any has its own properties as its dict entries, read and stored (Reals, Texts, Booleans,
# no shared group) as the PROPERTY_HOOKS / STORE_HOOKS of its type would (lang/classes.py: instances).
OWN_PROPERTY_HOOKS: dict[type, Callable[[Any], Any]] = {}


# The lookups of the tables above, bound once. CPython compiles a method call on a name bound by an
# import (`PROPERTY_HOOKS.get(t)` after `from .hooks import PROPERTY_HOOKS`) as an attribute load,
# making a bound method at each call; the hot closures call these instead.
member_call_hook = MEMBER_CALL_HOOKS.get
property_hook = PROPERTY_HOOKS.get
store_hook = STORE_HOOKS.get
own_property_hook = OWN_PROPERTY_HOOKS.get


class _Locking:
    """Who locks shared groups for `Use`: None is values.SharedGroup's own locking."""

    hooks: Any = None  # an object with acquire(group, process) and release(group, process)


LOCKING = _Locking()


def install_lock_hooks(hooks: Any) -> None:
    """Let the runtime take over shared-group locking (instrumentation, tests); None restores it."""
    LOCKING.hooks = hooks


# Per interpreter, `interp.stmt_hook` (lang/core/statements.py) wraps each statement's closure when
# it is compiled: fn(closure, stmt, scope) -> closure (lang/debugger.py: --trace, TRACE); None in a
# normal run, which then compiles no wrapper at all.

# Per runtime, `runtime.extensions[key]` (lang/runtime.py): hooks that let an embedder or a test
# harness change what a run does with errors and its end, and the per-run state of subsystems
# above the core. Key -> where it is read.
RUNTIME_EXTENSIONS = {
    # fn(error, frame) -> bool: an error reached a statement outside Try; True goes on with the next
    # statement (the golden-test harness records `// expect error:` lines this way)
    "on_error": "lang/core/calls.py Calls.on_error",
    # fn(process, error): an unhandled error of a process other than the main one
    "child_error": "lang/runtime.py Runtime._report_child_error",
    # fn(runtime): replaces waiting for every process at the end of a run
    "wait_all": "lang/runtime.py Runtime.wait_all",
    # the session's debugger and whether TRACE was reported as unavailable (lang/debugger.py)
    "debugger": "lang/debugger.py trace_command",
    "trace_noted": "lang/debugger.py trace_command",
    # the web server of the run, its roles.json and its REST datastore (lang/web/)
    "web_server": "lang/web/__init__.py web_server",
    "web_roles": "lang/runtime.py WebSession (set by lang/web/server.py)",
    "web_ds": "lang/web/rest.py",
}
