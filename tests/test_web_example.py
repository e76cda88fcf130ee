"""The example project examples/web (Team board), driven as its clients use it: the session demo flow end to end.

1. A browser signs in through `/4DACTION/login` (no cookie yet): a Guest web session is made,
   the published method sets its privileges and storage and redirects to a page.
2. The page, parsed with the session's cookie, greets the user and shows the session.
3. A REST client calls `authentify` of the DataStore class: a session of its own.
4. The main process lists the sessions (`Process activity`) and writes into each member's
   storage with `Session storage by ID`; the browsers see it on their next page.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from webtools import serve

pytest.importorskip("cheroot")

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "web"


@pytest.fixture(scope="module")
def served():
    with serve(EXAMPLE) as s:
        yield s


def test_the_session_demo_flow(served) -> None:
    ann, bob, rest = served.client(), served.client(), served.client()
    # 1. sign in: new Guest session, privileges and storage set, redirect
    r = ann.post("/4DACTION/login", "name=Ann", headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status == 302 and r.header("Location") == "/board.shtml"
    [cookie] = r.cookies()
    assert cookie.startswith("4DSID_TeamBoard=") and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    ann_id = ann.session_id("4DSID_TeamBoard")
    # 2. the page of the same session
    page = ann.get("/board.shtml").text
    assert '<h1 id="hello">Hello Ann</h1>' in page
    assert f'<code id="session">{ann_id}</code>' in page
    assert re.search(r"expires \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", page)
    assert "<li>Ann</li>" in page and 'id="note"' not in page
    bob.post("/4DACTION/login", "name=Bob", headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert "<li>Ann</li><li>Bob</li>" in bob.get("/board.shtml").text
    # 3. a REST client: force login refuses it until authentify
    assert rest.post("/rest/$catalog/members", "[]").status == 401
    r = rest.post("/rest/$catalog/authentify", json.dumps([{"name": "admin", "password": "board"}]))
    assert r.status == 200 and r.json() == {"result": "signed in"}
    rest_id = rest.session_id("4DSID_TeamBoard")
    assert rest_id not in (ann_id, None)
    assert rest.post("/rest/$catalog/members", "[]").json() == {"result": ["Ann", "Bob"]}
    # a member may not call the admin's function
    assert ann.post("/rest/$catalog/members", "[]").status == 403
    assert ann.post("/rest/$singleton/Board/title", "[]").json() == {"result": "Team board"}
    # 4. the main process writes into the browsers' sessions by their IDs
    assert ann.get("/4DACTION/announce?text=Stand-up%20at%2010").text == "2 session(s) got the note"
    assert '<p id="note">Note from the admin: Stand-up at 10</p>' in ann.get("/board.shtml").text
    assert "Stand-up at 10" in bob.get("/profile.shtml").text
    report = rest.get("/rest/$catalog/report").json()["result"]
    users = {x["user"]: x for x in report}
    assert users["Ann"]["note"] == "Stand-up at 10" and users["admin"]["type"] == "rest"
    # storage of the session as the profile page shows it
    profile = ann.get("/profile.shtml").text
    stored = json.loads(re.search(r'<pre id="storage">(.*?)</pre>', profile, re.S).group(1).replace("&quot;", '"'))
    assert stored["profile"]["name"] == "Ann" and stored["profile"]["notes"] == 1 and stored["pages"] == 3
    # signing out: Guest again, removed from the board
    assert ann.get("/4DACTION/logout").status == 302
    assert "<li>Ann</li>" not in bob.get("/board.shtml").text
    assert "Hello guest" in ann.get("/board.shtml").text


def test_the_example_pages_and_errors(served) -> None:
    c = served.client()
    assert 'action="/4DACTION/login"' in c.get("/").text
    r = c.get("/nowhere")
    assert r.status == 404 and "Not on the board" in r.text
    r = c.post("/4DACTION/login", "name=", headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status == 302 and r.header("Location") == "/index.html?missing=name"
    catalog = c.get("/rest/$catalog").json()
    assert catalog["singletons"] == [
        {"name": "Board", "methods": [{"name": "title", "allowedOnHTTPGET": False, "exposed": True}]}
    ]
