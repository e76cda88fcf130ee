// Session storage: each session has its own shared storage, reached by its UUID.
// New session is a mini4d extension (not a 4D command): it opens a second session in the runtime.

var $alice : Object
$alice:=New session(New object("userName"; "alice"))

// First call: settings are created inside Use($obj); later calls update them inside Use($obj.settings).
Set_session_settings(Session.id; "default: first")
Set_session_settings($alice.id; "alice: first")
Set_session_settings(Session.id; "default: second")

ALERT("default session: "+Session storage(Session.id).settings.text)
ALERT("alice's session: "+Session storage($alice.id).settings.text)
ALERT("tokenized name: "+Session storage by ID:C1839($alice.id).settings.text)
ALERT("unknown id gives Null: "+String(Session storage("0123456789ABCDEF0123456789ABCDEF")=Null))

// Processes belong to a session: New process keeps the creator's session,
// the .newProcess() extension starts one in another session.
$done:=New signal
$p:=New process("Show_session"; 0; "worker of default"; $done)
$done.wait(10)
$done:=New signal
$p:=$alice.newProcess("Show_session"; "worker of alice"; $done)
$done.wait(10)

// Process activity lists the sessions (mini4d answers as 4D Server does).
$activity:=Process activity(Sessions only)
ALERT("sessions: "+String($activity.sessions.length))
ALERT("users: "+$activity.sessions.extract("userName").join(", "))
