// Sessions (runtime.md §5): the standalone session, its documented members, Session storage and Session info.
$s:=Session
ALERT(String(Length($s.id)))  // expect: 32
ALERT(String(Position("-"; $s.id)))  // expect: 0
ALERT(String(Uppercase($s.id)=$s.id))  // expect: True
ALERT($s.userName)  // expect: designer
ALERT(String(OB Is shared($s.storage)))  // expect: True
ALERT(String($s.setPrivileges("WebAdmin")))  // expect: False
ALERT(String($s.hasPrivilege("anything")))  // expect: True
ALERT(JSON Stringify($s.getPrivileges()))  // expect: ["WebAdmin"]
ALERT(String($s.clearPrivileges()))  // expect: True
ALERT(String($s.isGuest()))  // expect: False
ALERT("["+$s.createOTP()+"]")  // expect: []
ALERT(String($s.restore("token")))  // expect: False
ALERT(String($s.promote("admin")))  // expect: 0
$s.demote(1)
ALERT(String(Undefined($s.expirationDate))+" "+String(Undefined($s.idleTimeout)))  // expect: True True
$info:=$s.info
ALERT(OB Keys($info).join(","))  // expect: type,userName,machineName,systemUserName,IPAddress,hostType,creationDateTime,state,ID,persistentID
ALERT($info.type+" "+$info.state+" "+$info.userName)  // expect: standalone active designer
ALERT(String($info.ID=$s.id))  // expect: True
ALERT(String(Session info($s.id).ID=Session.id))  // expect: True
ALERT(String(Session info("00000000000000000000000000000000")=Null))  // expect: True
// Session storage (formerly Session storage by ID, command 1839): the same object as Session.storage.
ALERT(String(Session storage($s.id)=$s.storage))  // expect: True
ALERT(String(Session storage by ID($s.id)=Session.storage))  // expect: True
ALERT(String(Session storage by ID:C1839($s.id)=Session.storage))  // expect: True
ALERT(String(Session storage("nope")=Null))  // expect: True
Session.storage.x:=New shared object  // expect error: 90050
Use (Session.storage)
	Session.storage.x:=New shared object("v"; 1)
	Session.storage.std:=New object  // expect error: -10721
End use
// Session storage forms no group with what it holds.
$g:=New shared object
Use ($g)
	$g.x:=Session.storage.x
End use
ALERT(String($g.x.v))  // expect: 1
// The docs' example, for the default session and for a second session (New session is a mini4d extension).
_rt_session_storage(Session.id; "first")
_rt_session_storage(Session.id; "second")
ALERT(Session.storage.settings.text+" "+String(Session.storage.settings.count))  // expect: second 2
$alice:=New session(New object("userName"; "alice"))
ALERT($alice.userName)  // expect: alice
ALERT(String($alice.id#Session.id))  // expect: True
_rt_session_storage($alice.id; "hello alice")
ALERT(Session storage($alice.id).settings.text)  // expect: hello alice
ALERT(Session.storage.settings.text)  // expect: second
// Process activity: every process, with its session, and every session (mini4d answers like 4D Server).
$act:=Process activity
ALERT(String($act.processes.length)+" "+String($act.sessions.length))  // expect: 1 2
ALERT($act.processes[0].name+" "+$act.processes[0].session.type)  // expect: Main standalone
ALERT(String(Undefined(Process activity(Processes only).sessions)))  // expect: True
ALERT(String(Undefined(Process activity(Processes only).processes[0].session)))  // expect: True
ALERT(String(Undefined(Process activity(Sessions only).processes)))  // expect: True
ALERT(String(Process activity("nope")=Null))  // expect: True
ALERT(String(Process activity($alice.id).processes.length))  // expect: 0
ALERT(Process activity($alice.id; Sessions only).sessions[0].userName)  // expect: alice
ALERT(String(Get process activity(Processes and sessions).sessions.length))  // expect: 2
// A process started in another session (the .newProcess() extension) sees that session.
$report:=New shared object
$go:=New signal
$p:=$alice.newProcess("_rt_in_session"; "alice job"; $report; $go)
ALERT(String(_rt_wait_state($p; Waiting for internal flag)))  // expect: 4
ALERT($report.user+" "+String($report.id=$alice.id))  // expect: alice True
ALERT(Process activity($alice.id).processes[0].name)  // expect: alice job
ALERT(String(Process info($p).sessionID=$alice.id))  // expect: True
$go.trigger()
_rt_wait_ended(New collection($p))
// Processes started by New process belong to the creator's session.
$report:=New shared object
$go:=New signal
$go.trigger()
$p:=New process("_rt_in_session"; 0; "same session"; $report; $go)
_rt_wait_ended(New collection($p))
ALERT(String($report.id=Session.id))  // expect: True
ABORT PROCESS BY ID(1)
ALERT("still running")  // expect: still running
// Session properties are read-only (idleTimeout only exists for web sessions: setting it does nothing).
Session.id:="x"  // expect error: 90025
Session.idleTimeout:=120
ALERT(String(Undefined(Session.idleTimeout)))  // expect: True
// A session storage takes any value a shared object takes (only Storage is restricted to shared values).
Use (Session.storage)
	Session.storage.visits:=1
End use
ALERT(String(Session.storage.visits))  // expect: 1
