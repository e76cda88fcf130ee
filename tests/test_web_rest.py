"""REST without a database through a real server, and roles.json rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from mini4d.web.roles import Roles, RolesError
from webtools import serve, write_project

pytest.importorskip("cheroot")

DATASTORE = """Class extends DataStoreImplementation

exposed Function authentify($credentials : Object) : Text
	If ($credentials.password="pw")
		Session.setPrivileges({userName: $credentials.name; roles: $credentials.role})
		return "ok"
	End if
	return "refused"

exposed Function open() : Text
	return "open to all"

exposed Function secret() : Text
	return "for admins"

exposed Function audited() : Boolean
	return Session.hasPrivilege("auditor")

exposed Function add($a : Integer; $b : Integer) : Integer
	return $a+$b

exposed Function failing()
	throw(77; "it went wrong")

Function internal() : Text
	return "never by REST"
"""
ROLES = {
    "privileges": [{"privilege": "admin"}, {"privilege": "user"}, {"privilege": "auditor"}],
    "roles": [{"role": "Admin", "privileges": ["admin", "user"]}, {"role": "User", "privileges": ["user"]}],
    "permissions": {
        "allowed": [
            {"applyTo": "ds.secret", "type": "method", "execute": ["admin"]},
            {"applyTo": "ds.audited", "type": "method", "promote": ["auditor"]},
            {"applyTo": "Tools", "type": "singleton", "execute": ["admin"]},
            {"applyTo": "ds", "type": "datastore", "execute": ["user"]},
        ]
    },
    "forceLogin": True,
}
TOOLS = """shared singleton Class constructor()

exposed Function version() : Text
	return "1.0"
"""


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory):
    root = write_project(
        tmp_path_factory.mktemp("rest"),
        {
            "Project/Sources/Classes/DataStore.4dm": DATASTORE,
            "Project/Sources/Classes/Tools.4dm": TOOLS,
            "Project/Sources/roles.json": json.dumps(ROLES),
        },
    )
    with serve(root) as s:
        yield s


def _login(c, role: str) -> None:
    r = c.post("/rest/$catalog/authentify", json.dumps([{"name": "u", "password": "pw", "role": role}]))
    assert r.json() == {"result": "ok"}


def test_force_login_lets_a_guest_read_the_catalog_and_authentify_only(served) -> None:
    c = served.client()
    assert c.get("/rest/$catalog").status == 200
    r = c.post("/rest/$catalog/open", "[]")
    assert r.status == 401 and r.json()["__ERROR"][0]["errCode"] == 90121
    r = c.post("/rest/$catalog/authentify", json.dumps([{"name": "u", "password": "bad", "role": "User"}]))
    assert r.json() == {"result": "refused"}
    assert c.post("/rest/$catalog/open", "[]").status == 401  # still no privilege
    _login(c, "User")
    assert c.post("/rest/$catalog/open", "[]").json() == {"result": "open to all"}


def test_execute_permissions(served) -> None:
    user, admin = served.client(), served.client()
    _login(user, "User")
    _login(admin, "Admin")
    assert user.post("/rest/$catalog/secret", "[]").status == 403
    assert admin.post("/rest/$catalog/secret", "[]").json() == {"result": "for admins"}
    assert user.post("/rest/$singleton/Tools/version", "[]").status == 403
    assert admin.post("/rest/$singleton/Tools/version", "[]").json() == {"result": "1.0"}


def test_promote_gives_a_privilege_while_the_function_runs(served) -> None:
    c = served.client()
    _login(c, "User")
    assert c.post("/rest/$catalog/audited", "[]").json() == {"result": True}


def test_parameters_errors_and_exposure(served) -> None:
    c = served.client()
    _login(c, "User")
    assert c.post("/rest/$catalog/add", "[2, 3]").json() == {"result": 5}
    assert c.get("/rest/$catalog/add?$params='[2,3]'").status == 405  # no onHTTPGet
    r = c.post("/rest/$catalog/internal", "[]")
    assert r.status == 404 and r.json()["__ERROR"][0]["errCode"] == -10729
    assert c.post("/rest/$catalog/nothing", "[]").status == 404
    assert c.post("/rest/$catalog/add", '{"a": 1}').status == 400
    assert c.post("/rest/$catalog/add", "[1,").status == 400
    r = c.post("/rest/$catalog/failing", "[]")
    assert r.status == 500
    assert r.json()["__ERROR"][0] == {"message": "it went wrong", "componentSignature": "host", "errCode": 77}
    assert c.post("/rest/$singleton/Nope/f", "[]").status == 404
    assert c.get("/rest/Employee").status == 404
    assert c.post("/rest/$catalog/add", "[4, 4]").json() == {"result": 8}  # the session still works


def test_rest_and_browser_requests_share_the_cookie(served) -> None:
    c = served.client()
    _login(c, "User")
    sid = c.session_id(served.cookie_name)
    assert served.runtime.sessions[sid].kind == "rest"
    assert served.runtime.sessions[sid].user_name == "u"


def test_a_malformed_roles_file_refuses_rest(tmp_path: Path) -> None:
    root = write_project(
        tmp_path,
        {"Project/Sources/Classes/DataStore.4dm": DATASTORE, "Project/Sources/roles.json": "{not json"},
    )
    with serve(root) as s:
        r = s.client().post("/rest/$catalog/open", "[]")
        assert r.status == 500 and "roles.json" in r.json()["__ERROR"][0]["message"]
        assert "roles.json is not valid" in s.err.getvalue()


def test_roles_rules() -> None:
    r = Roles(
        {
            "privileges": [
                {"privilege": "simple"},
                {"privilege": "Medium", "includes": ["simple"]},
                {"privilege": "high", "includes": ["medium"]},
            ],
            "roles": [{"role": "Boss", "privileges": ["high"]}],
            "permissions": {
                "allowed": [
                    {"applyTo": "ds", "type": "datastore", "execute": ["simple"]},
                    {"applyTo": "ds.f", "type": "method", "execute": ["high"]},
                ]
            },
            "restrictedByDefault": True,
        }
    )
    assert r.expand([], ["boss"]) == ["simple", "Medium", "high"]
    assert r.expand(["medium", "unknown"], []) == ["simple", "Medium"]
    has = {"simple"}.__contains__
    assert r.allows("execute", [("method", "ds.g"), ("datastore", "ds")], has)
    assert not r.allows("execute", [("method", "ds.f"), ("datastore", "ds")], has)
    assert not r.allows("execute", [("singleton", "X")], has)  # restricted by default
    with pytest.raises(RolesError):
        Roles({"privileges": [{"nope": 1}]})
    with pytest.raises(RolesError):
        Roles({"permissions": {"allowed": [{"applyTo": "x", "type": "table"}]}})
