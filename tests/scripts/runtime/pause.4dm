// PAUSE PROCESS / RESUME PROCESS, PROCESS PROPERTIES, Process aborted.
$state:=New shared object("turns"; 0)
$stop:=New signal
$p:=New process("_rt_spin"; 0; "counter"; $state; $stop)
PAUSE PROCESS($p)
ALERT(String(_rt_wait_state($p; Paused)))  // expect: 5
$frozen:=$state.turns
DELAY PROCESS(Current process; 3)
ALERT(String($state.turns=$frozen))  // expect: True
RESUME PROCESS($p)
ALERT(String(_rt_wait_state($p; Executing)))  // expect: 0
// A delayed process can be paused; RESUME PROCESS resumes it at once.
DELAY PROCESS($p; 36000)
ALERT(String(_rt_wait_state($p; Delayed)))  // expect: 1
PAUSE PROCESS($p)
ALERT(String(_rt_wait_state($p; Paused)))  // expect: 5
RESUME PROCESS($p)
ALERT(String(_rt_wait_state($p; Executing)))  // expect: 0
var $name : Text
var $st; $ticks; $mode; $id; $origin : Integer
var $visible : Boolean
PROCESS PROPERTIES($p; $name; $st; $ticks; $mode; $id; $origin)
ALERT($name+" "+String($st)+" "+String($mode)+" "+String($id=$p)+" "+String($origin))  // expect: counter 0 1 True 4
PROCESS PROPERTIES(1; $name; $st; $ticks; $visible)
ALERT($name+" "+String($visible))  // expect: Main True
$name:="unchanged"
PROCESS PROPERTIES(999; $name; $st; $ticks)
ALERT($name)  // expect: unchanged
$stop.trigger()
_rt_wait_ended(New collection($p))
PROCESS PROPERTIES($p; $name; $st; $ticks)
ALERT($name+" "+String($st))  // expect: counter -1
// The main process is not affected by PAUSE PROCESS.
PAUSE PROCESS(1)
PAUSE PROCESS(999)
RESUME PROCESS(999)
ALERT(String(Process aborted))  // expect: False
