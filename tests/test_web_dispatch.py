"""Request dispatch through a real server: handlers, 4DACTION, files, pages, database methods, bad input."""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from pathlib import Path

import pytest
from webtools import serve, write_project

pytest.importorskip("cheroot")

PUB = '//%attributes = {"publishedWeb":true}\n'

FILES = {
    "Project/Sources/Methods/hello.4dm": PUB
    + """#DECLARE($param : Text)
WEB SEND TEXT("Hello "+$param)
""",
    "Project/Sources/Methods/notPublished.4dm": """WEB SEND TEXT("should not run")
""",
    "Project/Sources/Methods/silent.4dm": PUB + "var $x : Integer\n",
    "Project/Sources/Methods/form.4dm": PUB
    + """ARRAY TEXT($names; 0)
ARRAY TEXT($values; 0)
WEB GET VARIABLES($names; $values)
var $o : Object
$o:={}
var $i : Integer
For ($i; 1; Size of array($names))
	$o[$names{$i}]:=$values{$i}
End for
var $body : Text
WEB GET HTTP BODY($body)
$o.body:=$body
ARRAY TEXT($fields; 0)
ARRAY TEXT($vals; 0)
WEB GET HTTP HEADER($fields; $vals)
$o.first:=$fields{1}+"="+$vals{1}
$o.agent:=$vals{Find in array($fields; "X-Test")}
var $whole : Text
WEB GET HTTP HEADER($whole)
$o.line:=Substring($whole; 1; Position("\\r\\n"; $whole)-1)
WEB SEND TEXT(JSON Stringify($o); "application/json")
""",
    "Project/Sources/Methods/headers.4dm": PUB
    + """var $h : Text
$h:="X-STATUS: 201 Created\\r\\nX-Custom: yes"
WEB SET HTTP HEADER($h)
WEB SEND TEXT("made")
""",
    "Project/Sources/Methods/go.4dm": PUB
    + """WEB SEND TEXT("ignored")
WEB SEND HTTP REDIRECT("/target page.html")
""",
    "Project/Sources/Methods/sendFile.4dm": PUB + 'WEB SEND FILE("tpl.html")\n',
    "Project/Sources/Methods/sendBlob.4dm": PUB + 'WEB SEND BLOB("abc"; ".txt")\n',
    "Project/Sources/Methods/raw.4dm": PUB
    + """WEB SEND RAW DATA("HTTP/1.1 200 OK\\r\\nContent-Type: text/plain\\r\\n\\r\\none,"; *)
WEB SEND RAW DATA("two,"; *)
WEB SEND RAW DATA("three"; *)
""",
    "Project/Sources/Methods/rawRedirect.4dm": PUB + 'WEB SEND RAW DATA("Location: /there\\r\\n\\r\\n")\n',
    "Project/Sources/Methods/failing.4dm": PUB
    + """Use (Session.storage)
	Session.storage.kept:=Num(Session.storage.kept)+1
End use
var $o : Object
$o.missing.value:=1
WEB SEND TEXT("not reached")
""",
    "Project/Sources/Methods/kept.4dm": PUB + "WEB SEND TEXT(String(Session.storage.kept))\n",
    "Project/Sources/Methods/slow.4dm": PUB
    + """Use (Storage)
	If (Storage.slow=Null)
		Storage.slow:=New shared object("done"; 0)
	End if
End use
DELAY PROCESS(Current process; 60)
Use (Storage.slow)
	Storage.slow.done:=Storage.slow.done+1
End use
WEB SEND TEXT("slow done")
""",
    "Project/Sources/Methods/slowCount.4dm": PUB + "WEB SEND TEXT(String(Storage.slow.done))\n",
    "Project/Sources/Methods/shown.4dm": PUB
    + """#DECLARE($p : Text)
shownText:=$p
WEB SEND TEXT("<!--#4DTEXT \\"<i>\\"+shownText-->")
""",
    "Project/Sources/Methods/pubFn.4dm": PUB + '#DECLARE() : Text\nreturn "published"\n',
    "Project/Sources/Methods/privFn.4dm": '#DECLARE() : Text\nreturn "private"\n',
    "Project/Sources/Methods/loopMethod.4dm": PUB
    + """#DECLARE($i : Integer) : Boolean
return $i<3
""",
    "Project/Sources/Methods/scriptMethod.4dm": PUB
    + """#DECLARE($param : Text) : Text
return "<"+$param+">"
""",
    "Project/Sources/Methods/alertMethod.4dm": PUB + 'ALERT("a dialog")\nWEB SEND TEXT("after")\n',
    "Project/Sources/DatabaseMethods/onWebAuthentication.4dm": """#DECLARE($url : Text; $http : Text; \\
  $ipBrowser : Text; $ipServer : Text; $user : Text; $password : Text) -> $accept : Boolean
Use (Storage)
	Storage.lastAuth:=New shared object("url"; $url; "ip"; $ipBrowser; "user"; $user; "pw"; $password; \\
		"http"; Substring($http; 1; 4))
End use
$accept:=(Position("/private"; $url)#1) & (Position("forbidden"; $url)=0)
""",
    "Project/Sources/DatabaseMethods/onWebConnection.4dm": """#DECLARE($url : Text; $http : Text; \\
  $ipBrowser : Text; $ipServer : Text; $user : Text; $password : Text)
Case of
	: ($url="/dynamic@")
		WEB SEND TEXT("dynamic "+$url+" from "+$ipBrowser+" user "+$user)
	: ($url="/auth")
		WEB SEND TEXT(JSON Stringify(Storage.lastAuth); "application/json")
End case
""",
    "Project/Sources/Classes/Api.4dm": """shared singleton Class constructor()
	This.calls:=0

shared Function info($request : 4D.IncomingMessage) : 4D.OutgoingMessage
	This.calls:=This.calls+1
	var $out : 4D.OutgoingMessage
	$out:=4D.OutgoingMessage.new()
	$out.setBody({url: $request.url; path: $request.urlPath; query: $request.urlQuery; verb: $request.verb; \\
		agent: $request.getHeader("x-test"); body: $request.getText(); calls: This.calls; \\
		isMsg: OB Instance of($out; 4D.OutgoingMessage); session: Session.id})
	$out.setHeader("X-Handler"; "yes")
	$out.setStatus(202)
	return $out

Function text($request : 4D.IncomingMessage) : Text
	return "plain "+$request.verb

Function json($request : 4D.IncomingMessage) : Object
	return $request.getJSON()

Function broken($request : 4D.IncomingMessage) : Text
	var $o : Object
	$o.a.b:=1
""",
    "Project/Sources/Classes/NotShared.4dm": """Class constructor()

Function f($request : 4D.IncomingMessage) : Text
	return "no"
""",
    "Project/Sources/HTTPHandlers.json": json.dumps(
        [
            {"class": "Api", "method": "info", "pattern": "api/info", "verbs": "get, post"},
            {"class": "Api", "method": "text", "regexPattern": "/api/te?xt$"},
            {"class": "Api", "method": "json", "pattern": "api/json", "verbs": "post"},
            {"class": "Api", "method": "broken", "pattern": "api/broken"},
            {"class": "NotShared", "method": "f", "pattern": "api/notshared"},
            {"class": "Api", "method": "text", "pattern": "static.txt"},
        ]
    ),
    "WebFolder/index.html": "<html><body>home</body></html>\n",
    "WebFolder/static.txt": "a static file\n",
    "WebFolder/style.css": "body { color: red }\n",
    "WebFolder/sub/inner.html": "<p>inner <!--#4DTEXT 1+1--></p>\n",
    "WebFolder/tpl.html": "<p><!--#4DTEXT 40+2--></p>\n",
    "WebFolder/404.html": "<h1>custom not found</h1>\n",
    "WebFolder/page.shtml": """<!--#4DCODE
var $list : Collection
$list:=["a"; "<b>"; "c"]
-->
<ul><!--#4DEACH $item in $list--><li><!--#4DTEXT $item--></li><!--#4DENDEACH--></ul>
<p><!--#4DIF (Session.isGuest())-->guest<!--#4DELSE-->member<!--#4DENDIF--></p>
<p>$4DTEXT("<x>") $4DHTML("<y>")</p>
<p><!--#4DTEXT pubFn--></p>
<!--#4DINCLUDE sub/inner.html-->
<p><!--#4DLOOP loopMethod-->L<!--#4DENDLOOP--></p>
<p><!--#4DSCRIPT/scriptMethod/hi--></p>
""",
    "WebFolder/bad.shtml": "<p><!--#4DTEXT privFn--></p>\n",
    "WebFolder/error.shtml": '<p><!--#4DTEXT 1/"x"--></p><p><!--#4DCODE\nvar $o : Object\n$o.a.b:=1\n--></p>\n',
    "outside.txt": "secret outside the web folder\n",
}


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory):
    root = write_project(tmp_path_factory.mktemp("dispatch"), FILES)
    try:
        os.symlink(root / "outside.txt", root / "WebFolder" / "link.txt")
        os.symlink(root, root / "WebFolder" / "uplink")
    except OSError:
        pass
    with serve(root) as s:
        yield s


# ------------------------------------------------------------ 4DACTION


def test_4daction_runs_published_methods_with_their_parameter(served) -> None:
    c = served.client()
    r = c.get("/4DACTION/hello/world%20wide")
    assert (r.status, r.text) == (200, "Hello world wide")
    assert r.header("Content-Type").startswith("text/html")
    assert c.get("/4daction/HELLO").text == "Hello "
    assert c.post("/4DACTION/hello/posted", b"x=1").text == "Hello posted"


def test_4daction_refuses_unpublished_and_unknown_methods(served) -> None:
    c = served.client()
    assert c.get("/4DACTION/notPublished").status == 403
    assert "should not run" not in c.get("/4DACTION/notPublished").text
    assert c.get("/4DACTION/nothing").status == 404
    assert c.get("/4DACTION/").status == 404
    assert c.get("/4DACTION/silent").status == 204


def test_on_web_authentication_can_refuse(served) -> None:
    c = served.client()
    assert c.get("/4DACTION/hello/forbidden").status == 403
    r = c.get("/private/area")
    assert r.status == 403
    r = c.get("/dynamic/x", headers={"Authorization": "Basic YW5uOnMzY3JldA=="})
    assert r.text == "dynamic /dynamic/x from ::ffff:127.0.0.1 user ann"
    auth = c.get("/auth").json()
    assert auth["url"] == "/auth" and auth["ip"] == "::ffff:127.0.0.1" and auth["http"] == "GET "
    assert auth["user"] == "" and auth["pw"] == ""


def test_web_get_variables_header_and_body(served) -> None:
    c = served.client()
    r = c.post(
        "/4DACTION/form?a=1&b=two%20words&$4DSID=hidden",
        "c=3&d=%C3%A9t%C3%A9",
        headers={"Content-Type": "application/x-www-form-urlencoded", "X-Test": "probe"},
    )
    o = r.json()
    assert o["a"] == "1" and o["b"] == "two words" and o["c"] == "3" and o["d"] == "été"
    assert "$4DSID" not in o
    assert o["body"] == "c=3&d=%C3%A9t%C3%A9"
    assert o["first"] == "X-METHOD=POST" and o["agent"] == "probe"
    assert o["line"] == "POST /4DACTION/form?a=1&b=two%20words&$4DSID=hidden HTTP/1.1"


def test_web_set_http_header_and_redirect(served) -> None:
    c = served.client()
    r = c.get("/4DACTION/headers")
    assert (r.status, r.text, r.header("X-Custom")) == (201, "made", "yes")
    r = c.get("/4DACTION/go")
    assert r.status == 302 and r.header("Location") == "/target%20page.html"
    r = c.get("/4DACTION/rawRedirect")
    assert r.status == 302 and r.header("Location") == "/there"


def test_web_send_file_blob_and_raw_chunks(served) -> None:
    c = served.client()
    assert c.get("/4DACTION/sendFile").text == "<p>42</p>\n"
    r = c.get("/4DACTION/sendBlob")
    assert (r.text, r.header("Content-Type")) == ("abc", "text/plain; charset=UTF-8")
    raw = served.raw(b"GET /4DACTION/raw HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    head, _, body = raw.partition(b"\r\n\r\n")
    assert b"chunked" in head.lower()
    assert b"one," in body and b"two," in body and b"three" in body and body.endswith(b"0\r\n\r\n")


def test_web_send_text_processes_tags_and_escapes(served) -> None:
    assert served.client().get("/4DACTION/shown/<b>").text == "&lt;i&gt;&lt;b&gt;"


# ------------------------------------------------------------ files and pages


def test_static_files_and_home_page(served) -> None:
    c = served.client()
    r = c.get("/")
    assert (r.status, r.text) == (200, "<html><body>home</body></html>\n")
    assert r.cookies() == []  # a plain file opens no session
    r = c.get("/style.css")
    assert r.header("Content-Type") == "text/css; charset=UTF-8"
    r = c.get("/sub/inner.html")
    assert r.text == "<p>inner <!--#4DTEXT 1+1--></p>\n"  # .html is sent as is
    r = c.request("HEAD", "/style.css")
    assert r.status == 200 and r.body == b""


def test_custom_error_page(served) -> None:
    r = served.client().get("/no/such/page.html")
    assert (r.status, r.text) == (404, "<h1>custom not found</h1>\n")


@pytest.mark.parametrize(
    "path",
    [
        "/../outside.txt",
        "/%2e%2e/outside.txt",
        "/%2E%2E%2Foutside.txt",
        "/sub/..%2F..%2Foutside.txt",
        "/..%5Coutside.txt",
        "/%00/outside.txt",
        "//etc/passwd",
        "/%2Fetc%2Fpasswd",
        "/link.txt",
        "/uplink/outside.txt",
        "/sub/%2e%2e/%2e%2e/outside.txt",
        "/C:/Windows/win.ini",
    ],
)
def test_no_byte_outside_the_web_folder(served, path: str) -> None:
    raw = served.raw(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
    assert b"secret outside" not in raw and b"root:" not in raw
    status = int(raw.split(b" ", 2)[1])
    assert status in (400, 403, 404)


def test_semi_dynamic_page(served) -> None:
    c = served.client()
    r = c.get("/page.shtml")
    assert r.status == 200 and r.cookies()  # a page that runs 4D code runs in a session
    t = r.text
    assert "<ul><li>a</li><li>&lt;b&gt;</li><li>c</li></ul>" in t
    assert "<p>guest</p>" in t
    assert "<p>&lt;x&gt; <y></p>" in t
    assert "<p>published</p>" in t
    assert "<p>inner 2</p>" in t
    assert "<p>LLL</p>" in t
    assert "<p>&lt;/hi&gt;</p>" in t


def test_pages_may_only_call_published_methods(served) -> None:
    t = served.client().get("/bad.shtml").text
    assert "private" not in t and "## error #" in t


def test_tag_errors_are_shown_and_4dcode_errors_answer_500(served) -> None:
    r = served.client().get("/error.shtml")
    assert r.status == 500


# ------------------------------------------------------------ handlers


def test_http_handler_with_incoming_and_outgoing_messages(served) -> None:
    c = served.client()
    r = c.get("/api/info/more?x=1&y=two", headers={"X-Test": "t1"})
    assert r.status == 202 and r.header("X-Handler") == "yes"
    assert r.header("Content-Type").startswith("application/json")
    o = r.json()
    assert o["url"] == "/api/info/more?x=1&y=two" and o["path"] == ["api", "info", "more"]
    assert o["query"] == {"x": "1", "y": "two"} and o["verb"] == "GET" and o["agent"] == "t1"
    assert o["isMsg"] is True
    assert o["session"] == c.session_id(served.cookie_name)
    o2 = c.post("/api/info", "payload").json()
    assert o2["body"] == "payload" and o2["verb"] == "POST" and o2["calls"] == o["calls"] + 1
    assert c.request("DELETE", "/api/info").status == 405


def test_handler_patterns_regex_and_priority_over_files(served) -> None:
    c = served.client()
    assert c.get("/api/txt").text == "plain GET"
    assert c.get("/api/text").text == "plain GET"
    assert c.get("/static.txt").text == "plain GET"  # a handler wins over a file
    assert c.post("/api/json", '{"a":[1,2]}').json() == {"a": [1, 2]}
    assert c.get("/api/json").status == 405


def test_handler_errors(served) -> None:
    c = served.client()
    r = c.get("/api/notshared")
    assert r.status == 500 and "Cannot find singleton" in r.text
    r = c.get("/api/broken")
    assert r.status == 500


def test_otp_on_a_handler_url(served) -> None:
    a, b = served.client(), served.client()
    a.get("/api/info")
    sid = a.session_id(served.cookie_name)
    token = served.runtime.create_otp(served.runtime.sessions[sid], 60)
    o = b.get(f"/api/info?$4DSID={token}").json()
    assert o["session"] == sid and "$4DSID" not in o["query"]


# ------------------------------------------------------------ errors and bad input


def test_a_4d_error_answers_500_and_the_session_keeps_its_storage(served) -> None:
    c = served.client()
    r = c.get("/4DACTION/failing")
    assert r.status == 500 and "90021" in r.text
    r = c.get("/4DACTION/failing")
    assert r.status == 500
    assert c.get("/4DACTION/kept").text == "2"
    assert c.get("/4DACTION/hello/again").text == "Hello again"
    assert "90021" in served.err.getvalue()


def test_ui_commands_in_a_web_process(served) -> None:
    r = served.client().get("/4DACTION/alertMethod")
    assert r.status == 500 and "ALERT" in r.text


def test_oversized_bodies_get_413(served) -> None:
    c = served.client()
    raw = served.raw(b"POST /4DACTION/hello HTTP/1.1\r\nHost: x\r\nContent-Length: 2000001\r\n\r\nxx")
    assert raw.startswith(b"HTTP/1.1 413")
    assert c.post("/4DACTION/hello/fits", b"x" * 1_999_999).text == "Hello fits"
    raw = served.raw(
        b"POST /4DACTION/hello HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        + b"%x\r\n" % 2_100_000
        + b"y" * 2_100_000
        + b"\r\n0\r\n\r\n"
    )
    assert raw.startswith(b"HTTP/1.1 413")
    assert c.get("/4DACTION/hello/still").text == "Hello still"


@pytest.mark.parametrize(
    "data",
    [
        b"GARBAGE\r\n\r\n",
        b"GET\r\n\r\n",
        b"GET / HTTP/9.9\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n",
        b"GET / HTTP/1.1\r\nBad Header Line\r\n\r\n",
        b"\x00\x01\x02\xff\r\n\r\n",
        b"GET /%ff%fe HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        b"GET /4DACTION/hello/%ZZ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: x\r\nCookie: 4DSID_WebTest=\x7f;;==\r\nConnection: close\r\n\r\n",
        b"GET /" + b"a" * 70000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
    ],
)
def test_malformed_requests_get_a_clear_answer(served, data: bytes) -> None:
    raw = served.raw(data)
    status = raw.split(b" ", 2)[1] if raw.startswith(b"HTTP/") else b""
    assert status in (b"200", b"400", b"404", b"413", b"414", b"505"), raw[:80]
    assert served.client().get("/4DACTION/hello/ok").text == "Hello ok"


def test_unknown_verbs_and_trace(served) -> None:
    c = served.client()
    assert c.request("TRACE", "/").status == 405
    assert c.request("BREW", "/style.css").status == 405
    assert c.request("DELETE", "/index.html").status == 405


def test_a_client_that_disconnects_mid_request(served) -> None:
    c = served.client()
    before = c.get("/4DACTION/hello/x")  # the server is fine before
    assert before.status == 200
    for _ in range(3):
        s = socket.create_connection(("127.0.0.1", served.server.port))
        s.sendall(b"GET /4DACTION/slow HTTP/1.1\r\nHost: x\r\n\r\n")
        s.close()  # gone before the answer
    s = socket.create_connection(("127.0.0.1", served.server.port))
    s.sendall(b"POST /4DACTION/hello HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\nonly a part")
    s.close()  # gone in the middle of its body
    deadline = time.time() + 30
    while time.time() < deadline and c.get("/4DACTION/slowCount").text != "3":
        time.sleep(0.2)
    assert c.get("/4DACTION/slowCount").text == "3"  # the requests ran to their end
    assert c.get("/4DACTION/hello/after").text == "Hello after"


def test_requests_of_one_session_run_concurrently(served) -> None:
    c = served.client()
    c.get("/4DACTION/hello/x")
    start = []
    results: list[int] = []

    def one() -> None:
        start.append(1)
        results.append(c.get("/4DACTION/slow").status)

    threads = [threading.Thread(target=one) for _ in range(4)]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert results == [200] * 4
    # four one-second requests of the same session did not wait for each other
    assert time.monotonic() - t0 < 3.5


def test_server_info_and_options(tmp_path: Path) -> None:
    root = write_project(
        tmp_path,
        {
            "Project/Sources/Methods/info.4dm": PUB
            + """var $i : Object
$i:=WEB Get server info
var $port : Integer
WEB GET OPTION(Web port ID; $port)
WEB SEND TEXT(JSON Stringify({started: $i.started; count: $i.httpRequestCount; mode: $i.startMode; \\
  running: WEB Is server running; cookie: WEB Server.sessionCookieName; port: $port; \\
  samePort: $port=WEB Server.HTTPPort; max: WEB Server.maxRequestSize}); "application/json")
""",
        },
    )
    with serve(root) as s:
        c = s.client()
        c.get("/")
        o = c.get("/4DACTION/info").json()
        assert o["started"] is True and o["running"] is True and o["count"] >= 2 and o["mode"] == "automatic"
        assert o["cookie"] == "4DSID_WebTest" and o["port"] == s.server.port and o["samePort"] is True
        assert o["max"] == 2000000
