// Processes are real threads (runtime.md §1): own process variables, copied standard parameters, shared ones by reference.
var $shared; $std; $done : Object
ALERT(String(Current process))  // expect: 1
ALERT(String(Process state(Current process)))  // expect: 0
ALERT(String(Process state(999)))  // expect: -100
ALERT(String(Process number("nobody")))  // expect: 0
pv:="main"
<>ipv:="set by main"
$shared:=New shared object
$std:=New object("touched"; False)
$done:=New signal
$p:=New process("_rt_probe"; 0; "probe"; $std; $shared; $done)
ALERT(String($p))  // expect: 2
ALERT(String($done.wait(20)))  // expect: True
ALERT(String($std.touched))  // expect: False
ALERT(String($shared.std_touched))  // expect: True
ALERT($shared.pv+" / "+pv)  // expect: child / main
ALERT($shared.ipv)  // expect: set by main
ALERT(<>ipv)  // expect: set by child
ALERT($shared.name+" "+String($shared.number))  // expect: probe 2
ALERT(String($shared.session=Session.id))  // expect: True
_rt_wait_ended(New collection($p))
ALERT(String(Process state($p)))  // expect: -1
ALERT(String(Process number("probe")))  // expect: 0
// Several processes increment one shared counter under Use: no update is lost.
var $counter : Object
$counter:=New shared object("n"; 0)
$procs:=New collection
For ($i; 1; 4)
	$procs.push(New process("_rt_add"; 0; "adder "+String($i); $counter; 250))
End for
_rt_wait_ended($procs)
ALERT(String($counter.n))  // expect: 1000
// New process with *: a live process of that name is returned instead of a new one.
$go:=New signal
$done:=New signal
$first:=New process("_rt_on_signal"; 0; "unique"; $go; $done)
$again:=New process("_rt_on_signal"; 0; "unique"; $go; $done; *)
ALERT(String($first=$again))  // expect: True
ALERT(String(Process number("unique")=$first))  // expect: True
ALERT(String(_rt_wait_state($first; Waiting for internal flag)))  // expect: 4
ALERT(String(Count user processes))  // expect: 2
ALERT(String(Count tasks=$first))  // expect: True
$info:=Process info($first)
ALERT(OB Keys($info).join(","))  // expect: number,name,sessionID,ID,visible,type,state,creationDateTime,preemptive,systemID,cpuUsage,cpuTime
ALERT($info.name+" "+String($info.type)+" "+String($info.state)+" "+String($info.preemptive))  // expect: unique 4 4 False
ALERT(String($info.sessionID=Session.id))  // expect: True
ALERT(String(Process info(999)=Null))  // expect: True
$main:=Process info(1)
ALERT($main.name+" "+String($main.type))  // expect: Main -1
$go.trigger()
ALERT(String($done.wait(20)))  // expect: True
ALERT(String($done.result))  // expect: 42
_rt_wait_ended(New collection($first))
// An error in a child process is reported and does not stop the others.
$done:=New signal
$p:=New process("_rt_fail"; 0; "failing"; $done)
$ok:=$done.wait(20)  // expect error: -10518
// (the error line above is printed by the child process while the main process waits)
ALERT(String($ok)+" "+$done.after)  // expect: True continued
// Arrays cannot be passed to another process.
ARRAY TEXT($arr; 2)
$p:=New process("_rt_add"; 0; "array"; $arr)  // expect error: 90011
CALL WORKER("array worker"; "_rt_work"; $arr)  // expect error: arrays cannot be passed
ALERT(String(Process number("array worker")))  // expect: 0
// An unknown method is reported in the calling process.
$p:=New process("_rt_no_such_method"; 0; "missing")  // expect error: -10508
