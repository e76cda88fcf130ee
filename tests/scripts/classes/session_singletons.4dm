// A session singleton: one instance per session, shared by the processes of that session
$waitStart:=Milliseconds  // bounds the waiting loops below (60 s), so a failing worker cannot hang the run
$tag:=cs.SessionTag.me
ALERT(String(OB Is shared($tag)))  // expect: True
Use ($tag)
	$tag.user:="main session"
End use
$seen:=New shared collection
// a worker of the same session sees the same instance
CALL WORKER("same session"; Formula($1.push("same: "+cs.SessionTag.me.user)); $seen)
While (($seen.length<1) & ((Milliseconds-$waitStart)<60000))
	DELAY PROCESS(Current process; 1)
End while
// a process of another session gets its own instance (New session is a mini4d extension)
$other:=New session({userName: "alice"})
$n:=$other.newProcess(Formula($1.push("other: "+cs.SessionTag.me.user)); "alice process"; $seen)
While (($seen.length<2) & ((Milliseconds-$waitStart)<60000))
	DELAY PROCESS(Current process; 1)
End while
ALERT($seen.join(" | "))  // expect: same: main session | other: designer
