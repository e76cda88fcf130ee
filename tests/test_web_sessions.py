"""Web sessions through a real server: cookie, Guest sessions, storage, privileges, expiry, OTP, main process."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from webtools import serve, write_project

pytest.importorskip("cheroot")

PUB = '//%attributes = {"publishedWeb":true}\n'

FILES = {
    "Project/Sources/Methods/count.4dm": PUB
    + """Use (Session.storage)
	Session.storage.count:=Num(Session.storage.count)+1
End use
WEB SEND TEXT(String(Session.storage.count); "text/plain")
""",
    "Project/Sources/Methods/whoami.4dm": PUB
    + """var $o : Object
$o:={id: Session.id; userName: Session.userName; guest: Session.isGuest(); privileges: Session.getPrivileges()}
$o.idle:=Session.idleTimeout
$o.expires:=Session.expirationDate
$o.webID:=WEB Get current session ID
$o.note:=Session.storage.note
$o.type:=Session.info.type
$o.hasReader:=Session.hasPrivilege("READER")
WEB SEND TEXT(JSON Stringify($o); "application/json")
""",
    "Project/Sources/Methods/login.4dm": PUB
    + """#DECLARE($who : Text)
Session.setPrivileges({userName: $who; roles: "Staff"})
WEB SEND TEXT("ok")
""",
    "Project/Sources/Methods/logout.4dm": PUB
    + """Session.clearPrivileges()
WEB SEND TEXT("bye")
""",
    "Project/Sources/Methods/setIdle.4dm": PUB
    + """#DECLARE($minutes : Text)
Session.idleTimeout:=Num($minutes)
WEB SEND TEXT(String(Session.idleTimeout))
""",
    "Project/Sources/Methods/makeOTP.4dm": PUB
    + """#DECLARE($life : Text)
If ($life="")
	WEB SEND TEXT(Session.createOTP())
Else
	WEB SEND TEXT(Session.createOTP(Num($life)))
End if
""",
    "Project/Sources/Methods/restoreOTP.4dm": PUB
    + """#DECLARE($token : Text)
var $ok : Boolean
$ok:=Session.restore($token)
WEB SEND TEXT(String($ok)+" "+Session.id)
""",
    "Project/Sources/Methods/promoteTest.4dm": PUB
    + """var $before; $during; $after : Boolean
var $id : Integer
$before:=Session.hasPrivilege("auditor")
$id:=Session.promote("auditor")
$during:=Session.hasPrivilege("auditor")
var $listed : Collection
$listed:=Session.getPrivileges()
Session.demote($id)
$after:=Session.hasPrivilege("auditor")
WEB SEND TEXT(JSON Stringify({before: $before; during: $during; after: $after; id: $id; listed: $listed; \\
  unknown: Session.promote("nope")}))
""",
    # the admin page asks the main process (CALL WORKER 1) to act on another session by its ID
    "Project/Sources/Methods/adminNote.4dm": PUB
    + """#DECLARE($param : Text)
var $s : 4D.Signal
$s:=New signal("admin")
CALL WORKER(1; "mainNote"; Substring($param; 1; 32); Substring($param; 34); $s)
If ($s.wait(20))
	WEB SEND TEXT($s.answer; "text/plain")
Else
	WEB SEND TEXT("timeout"; "text/plain")
End if
""",
    "Project/Sources/Methods/mainNote.4dm": """#DECLARE($id : Text; $text : Text; $s : 4D.Signal)
var $storage : Object
$storage:=Session storage by ID($id)
var $answer : Text
If ($storage=Null)
	$answer:="no session"
Else
	Use ($storage)
		$storage.note:=$text
	End use
	$answer:="written by process "+String(Current process)+" in "+Session.info.type
End if
Use ($s)
	$s.answer:=$answer
End use
$s.trigger()
""",
    "Project/Sources/Methods/adminList.4dm": PUB
    + """var $s : 4D.Signal
$s:=New signal("list")
CALL WORKER(1; "mainList"; $s)
$s.wait(20)
WEB SEND TEXT($s.answer; "application/json")
""",
    "Project/Sources/Methods/mainList.4dm": """#DECLARE($s : 4D.Signal)
var $list : Collection
$list:=[]
var $one : Object
For each ($one; Process activity(Sessions only).sessions)
	$list.push({ID: $one.ID; type: $one.type; userName: $one.userName; info: Session info($one.ID).type})
End for each
Use ($s)
	$s.answer:=JSON Stringify($list)
End use
$s.trigger()
""",
    "Project/Sources/Methods/processes.4dm": PUB
    + """var $mine : Collection
$mine:=Process activity(Session.id).processes
WEB SEND TEXT(JSON Stringify({n: $mine.length; type: $mine[0].type; sid: $mine[0].sessionID; \\
  me: Process info(Current process).sessionID}); "application/json")
""",
    "Project/Sources/roles.json": json.dumps(
        {
            "privileges": [
                {"privilege": "reader", "includes": []},
                {"privilege": "viewer", "includes": ["reader"]},
                {"privilege": "auditor", "includes": []},
            ],
            "roles": [{"role": "Staff", "privileges": ["viewer", "undeclared"]}],
            "permissions": {"allowed": []},
        }
    ),
}

SID = re.compile(r"^[0-9A-F]{32}$")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory):
    root = write_project(tmp_path_factory.mktemp("sessions"), FILES)
    with serve(root) as s:
        yield s


def test_a_new_client_gets_a_guest_session_cookie(served) -> None:
    c = served.client()
    r = c.get("/4DACTION/whoami")
    assert r.status == 200
    [cookie] = r.cookies()
    name, _, rest = cookie.partition("=")
    assert name == "4DSID_WebTest" == served.cookie_name
    sid, *attrs = [p.strip() for p in rest.split(";")]
    assert SID.match(sid)
    assert sorted(attrs) == ["HttpOnly", "Path=/", "SameSite=Strict"]
    who = r.json()
    assert who["id"] == sid == who["webID"]
    assert who["guest"] is True and who["userName"] == "" and who["privileges"] == []
    assert who["idle"] == 60 and who["type"] == "web"
    # the same client keeps its session and gets no new cookie
    r2 = c.get("/4DACTION/whoami")
    assert r2.json()["id"] == sid and r2.cookies() == []


def test_each_client_has_its_own_session_and_storage(served) -> None:
    a, b = served.client(), served.client()
    assert [a.get("/4DACTION/count").text for _ in range(3)] == ["1", "2", "3"]
    assert b.get("/4DACTION/count").text == "1"
    assert a.session_id(served.cookie_name) != b.session_id(served.cookie_name)
    assert a.get("/4DACTION/count").text == "4"


def test_expiration_date_follows_idle_timeout(served) -> None:
    c = served.client()
    before = time.time()
    who = c.get("/4DACTION/whoami").json()
    exp = who["expires"]
    assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", exp)
    from datetime import datetime, timezone

    when = datetime.strptime(exp, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc).timestamp()
    assert before + 3590 <= when <= time.time() + 3610
    assert c.get("/4DACTION/setIdle/30").text == "60"  # never below 60 minutes
    assert c.get("/4DACTION/setIdle/90").text == "90"
    who = c.get("/4DACTION/whoami").json()
    when2 = datetime.strptime(who["expires"], "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc).timestamp()
    assert when2 - when >= 29 * 60


def test_privileges_roles_and_includes(served) -> None:
    c = served.client()
    assert c.get("/4DACTION/login/Ann").text == "ok"
    who = c.get("/4DACTION/whoami").json()
    # role Staff -> viewer (includes reader); undeclared names are ignored
    assert who["userName"] == "Ann" and who["guest"] is False
    assert who["privileges"] == ["reader", "viewer"] and who["hasReader"] is True
    assert c.get("/4DACTION/logout").text == "bye"
    who = c.get("/4DACTION/whoami").json()
    assert who["privileges"] == [] and who["guest"] is True and who["userName"] == "Ann"


def test_promote_adds_a_privilege_to_the_process_only(served) -> None:
    c = served.client()
    r = c.get("/4DACTION/promoteTest").json()
    assert r["before"] is False and r["during"] is True and r["after"] is False
    assert r["id"] >= 1 and r["unknown"] == 0 and r["listed"] == []


def test_an_idle_session_expires_with_its_storage(served) -> None:
    c = served.client()
    assert c.get("/4DACTION/count").text == "1"
    old = c.session_id(served.cookie_name)
    session = served.runtime.sessions[old]
    session.last_access -= 61 * 60  # an hour and a minute without a request
    r = c.get("/4DACTION/count")
    assert r.text == "1"  # a new Guest session: empty storage
    new = c.session_id(served.cookie_name)
    assert new != old and r.cookies()
    assert served.runtime.session(old) is None
    admin = served.client()
    assert admin.get(f"/4DACTION/adminNote/{old}/late").text == "no session"


def test_the_main_process_writes_into_a_browser_session_by_id(served) -> None:
    browser, admin = served.client(), served.client()
    sid = browser.get("/4DACTION/whoami").json()["id"]
    answer = admin.get(f"/4DACTION/adminNote/{sid}/hello%20from%20the%20admin").text
    assert answer == "written by process 1 in standalone"
    assert browser.get("/4DACTION/whoami").json()["note"] == "hello from the admin"
    assert "note" not in admin.get("/4DACTION/whoami").json()


def test_process_activity_lists_web_sessions(served) -> None:
    a, b = served.client(), served.client()
    a.get("/4DACTION/login/Bob")
    ida = a.session_id(served.cookie_name)
    b.get("/4DACTION/count")
    idb = b.session_id(served.cookie_name)
    listed = {s["ID"]: s for s in json.loads(a.get("/4DACTION/adminList").text)}
    assert listed[ida]["type"] == "web" and listed[ida]["userName"] == "Bob" and listed[ida]["info"] == "web"
    assert idb in listed
    assert any(s["type"] == "standalone" for s in listed.values())
    p = a.get("/4DACTION/processes").json()
    assert p["n"] == 1 and p["type"] == -13 and p["sid"] == ida == p["me"]


def test_one_time_passcode_restores_the_session_once(served) -> None:
    a, other = served.client(), served.client()
    assert a.get("/4DACTION/count").text == "1"
    ida = a.session_id(served.cookie_name)
    token = a.get("/4DACTION/makeOTP").text
    assert SID.match(token) and token != ida
    r = other.get(f"/4DACTION/count?$4DSID={token}")
    assert r.text == "2"  # ran in a's session
    assert other.session_id(served.cookie_name) == ida  # and the cookie now names it
    third = served.client()
    r = third.get(f"/4DACTION/count?$4DSID={token}")
    assert r.text == "1" and third.session_id(served.cookie_name) != ida  # a token works once


def test_restore_replaces_the_current_session(served) -> None:
    a, b = served.client(), served.client()
    a.get("/4DACTION/count")
    ida = a.session_id(served.cookie_name)
    token = a.get("/4DACTION/makeOTP/60").text
    b.get("/4DACTION/count")
    assert b.get("/4DACTION/restoreOTP/" + token).text == f"True {ida}"
    assert b.session_id(served.cookie_name) == ida
    assert b.get("/4DACTION/restoreOTP/" + token).text.startswith("False")
    assert b.get("/4DACTION/restoreOTP/not-a-token").text == f"False {ida}"


def test_an_expired_passcode_is_refused(served) -> None:
    a, b = served.client(), served.client()
    token = a.get("/4DACTION/makeOTP/0").text
    b.get("/4DACTION/count")
    idb = b.session_id(served.cookie_name)
    assert b.get("/4DACTION/restoreOTP/" + token).text == f"False {idb}"


def test_stopping_the_server_closes_every_web_session(tmp_path: Path) -> None:
    from mini4d.runtime import WebSession

    root = write_project(tmp_path, FILES)
    with serve(root) as s:
        c = s.client()
        c.get("/4DACTION/count")
        rt = s.runtime
        assert any(isinstance(x, WebSession) for x in rt.sessions.values())
        s.server.stop()
        assert not any(isinstance(x, WebSession) for x in rt.sessions.values())
        assert rt.default_session.id in rt.sessions
        s.thread.join(20)
        assert s.result["code"] == 0  # WEB STOP SERVER with nothing else to do ends the run


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT")
def test_serve_ends_with_130_on_ctrl_c(tmp_path: Path) -> None:
    root = write_project(tmp_path, FILES)
    env = dict(os.environ, MINI4D_CACHE_DIR=str(tmp_path / "cache"))
    p = subprocess.Popen(
        [sys.executable, "-m", "mini4d", "serve", str(root), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        line = p.stdout.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert m, line + p.stderr.read()
        from webtools import Client

        c = Client(f"http://127.0.0.1:{m.group(1)}")
        assert c.get("/4DACTION/count").text == "1"
        p.send_signal(signal.SIGINT)
        assert p.wait(30) == 130
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
