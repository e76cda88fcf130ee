"""`roles.json`: privileges, roles, permissions and force login of the web server.

Read once when the web server starts (`Project/Sources/roles.json`). Names of privileges
and roles ignore case. A permission grants an action (`execute`, `promote`, ...) on a
resource to the sessions holding any one of its privileges; the most specific resource
that has a permission for the action decides (a function before its singleton before `ds`);
a resource with none is open unless `restrictedByDefault` is true.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

RESOURCE_TYPES = ("datastore", "dataclass", "attribute", "method", "singletonMethod", "singleton")
ACTIONS = ("read", "create", "update", "drop", "execute", "promote")


class RolesError(Exception):
    """roles.json cannot be used (malformed JSON or a wrong structure)."""


class Roles:
    """The parsed roles.json (an empty one when the project has no file: nothing declared, all open)."""

    def __init__(self, data: dict[str, Any] | None = None, path: Path | None = None):
        self.path = path
        self.present = data is not None
        data = data or {}
        self.privileges: dict[str, tuple[str, list[str]]] = {}
        self.roles: dict[str, tuple[str, list[str]]] = {}
        self.permissions: dict[tuple[str, str], dict[str, list[str]]] = {}
        self.force_login = bool(data.get("forceLogin", False))
        self.restricted_by_default = bool(data.get("restrictedByDefault", False))
        if not isinstance(data.get("privileges", []), list) or not isinstance(data.get("roles", []), list):
            raise RolesError('"privileges" and "roles" must be arrays')
        for p in data.get("privileges", []):
            if not isinstance(p, dict) or not isinstance(p.get("privilege"), str):
                raise RolesError('each privilege must be an object with a "privilege" name')
            inc = p.get("includes", [])
            if not isinstance(inc, list) or not all(isinstance(x, str) for x in inc):
                raise RolesError(f'"includes" of privilege "{p["privilege"]}" must be an array of names')
            self.privileges[p["privilege"].lower()] = (p["privilege"], list(inc))
        for r in data.get("roles", []):
            if not isinstance(r, dict) or not isinstance(r.get("role"), str):
                raise RolesError('each role must be an object with a "role" name')
            privs = r.get("privileges", [])
            if not isinstance(privs, list) or not all(isinstance(x, str) for x in privs):
                raise RolesError(f'"privileges" of role "{r["role"]}" must be an array of names')
            self.roles[r["role"].lower()] = (r["role"], list(privs))
        perms = data.get("permissions", {"allowed": []})
        allowed = perms.get("allowed", []) if isinstance(perms, dict) else None
        if not isinstance(allowed, list):
            raise RolesError('"permissions" must be an object with an "allowed" array')
        for perm in allowed:
            if not isinstance(perm, dict) or not isinstance(perm.get("applyTo"), str):
                raise RolesError('each permission must be an object with "applyTo" and "type"')
            kind = perm.get("type")
            if kind not in RESOURCE_TYPES:
                raise RolesError(f'unknown permission type "{kind}" for "{perm["applyTo"]}"')
            entry = self.permissions.setdefault((kind, perm["applyTo"].lower()), {})
            for action in ACTIONS:
                names = perm.get(action)
                if names is None:
                    continue
                if isinstance(names, str):
                    names = [names]
                if not isinstance(names, list) or not all(isinstance(x, str) for x in names):
                    raise RolesError(f'"{action}" of "{perm["applyTo"]}" must be an array of privilege names')
                entry.setdefault(action, []).extend(names)

    @classmethod
    def load(cls, path: Path) -> Roles:
        """Read a roles.json file; a missing file gives the open, empty settings. Raises RolesError."""
        if not path.is_file():
            return cls(None, path)
        try:
            data = json.loads(path.read_text(encoding="utf-8-sig"))
        except (ValueError, UnicodeDecodeError) as exc:
            raise RolesError(f"{path}: not valid JSON ({exc})") from None
        if not isinstance(data, dict):
            raise RolesError(f"{path}: the file must hold a JSON object")
        try:
            return cls(data, path)
        except RolesError as exc:
            raise RolesError(f"{path}: {exc}") from None

    # privileges of a session
    def declared(self, name: str) -> bool:
        return name.lower() in self.privileges

    def canonical(self, name: str) -> str:
        return self.privileges[name.lower()][0]

    def expand(self, privileges: list[str], roles: list[str]) -> list[str]:
        """Declared privileges of names and roles, `includes` first (undeclared names are ignored)."""
        out: list[str] = []
        seen: set[str] = set()

        def add(name: str) -> None:
            key = name.lower()
            if key in seen or key not in self.privileges:
                return
            seen.add(key)
            canon, includes = self.privileges[key]
            for inc in includes:
                add(inc)
            out.append(canon)

        for r in roles:
            role = self.roles.get(r.lower())
            if role is not None:
                for p in role[1]:
                    add(p)
        for p in privileges:
            add(p)
        return out

    # permissions
    def rule(self, action: str, resources: list[tuple[str, str]]) -> list[str] | None:
        """Privileges granting `action` on the most specific of `resources` that has a rule; None if none has."""
        for kind, name in resources:
            entry = self.permissions.get((kind, name.lower()))
            if entry is not None and entry.get(action):
                return entry[action]
        return None

    def allows(self, action: str, resources: list[tuple[str, str]], has: Any) -> bool:
        """True when a session (`has(privilege) -> bool`) may do `action` on the first resource of the list."""
        names = self.rule(action, resources)
        if names is None:
            return not self.restricted_by_default
        return any(has(n) for n in names)

    def promoted(self, resources: list[tuple[str, str]]) -> list[str]:
        """Privileges a function gets while it runs (`promote` action)."""
        names = self.rule("promote", resources) or []
        return [self.canonical(n) for n in names if self.declared(n)]
