// Two processes that wait for each other's shared groups get a deadlock error instead of hanging (mini4d extension).
var $a; $b : Object
$a:=New shared object
$b:=New shared object
$ready:=New signal
Use ($a)
	$p:=New process("_rt_lock_pair"; 0; "other"; $b; $a; $ready)
	ALERT(String($ready.wait(20)))  // expect: True
	ALERT(String(_rt_wait_state($p; Waiting for internal flag)))  // expect: 4
	Use ($b)  // expect error: 90052
		$b.by:="main"
	End use
End use
_rt_wait_ended(New collection($p))
ALERT($a.by)  // expect: other
ALERT(String(Undefined($b.by)))  // expect: True
// The deadlock error can be caught like any other error.
$a:=New shared object
$b:=New shared object
$ready:=New signal
Use ($a)
	$p:=New process("_rt_lock_pair"; 0; "other 2"; $b; $a; $ready)
	$ready.wait(20)
	_rt_wait_state($p; Waiting for internal flag)
	Try
		Use ($b)
			$b.by:="main"
		End use
	Catch
		ALERT("caught "+String(Last errors[0].errCode))  // expect: caught 90052
	End try
End use
_rt_wait_ended(New collection($p))
ALERT($a.by)  // expect: other 2
// A process waiting in Use blocks without error while the holder is not waiting on it.
$state:=New shared object("turns"; 0)
$stop:=New signal
Use ($state)
	$p:=New process("_rt_spin"; 0; "spinner"; $state; $stop)
	ALERT(String(_rt_wait_state($p; Waiting for internal flag)))  // expect: 4
	$state.turns:=-1000000
End use
$stop.trigger()
_rt_wait_ended(New collection($p))
ALERT(String($state.turns<0))  // expect: True
// DELAY PROCESS: the current process sleeps; another process is delayed at its next loop turn; 0 wakes it.
DELAY PROCESS(Current process; 1)
ALERT(String(Process state(Current process)))  // expect: 0
$state:=New shared object("turns"; 0)
$stop:=New signal
$p:=New process("_rt_spin"; 0; "spinner 2"; $state; $stop)
DELAY PROCESS($p; 36000)
ALERT(String(_rt_wait_state($p; Delayed)))  // expect: 1
$frozen:=$state.turns
DELAY PROCESS(Current process; 3)
ALERT(String($state.turns=$frozen))  // expect: True
DELAY PROCESS($p; 0)
ALERT(String(_rt_wait_state($p; Executing)))  // expect: 0
$stop.trigger()
_rt_wait_ended(New collection($p))
DELAY PROCESS(999; 10)
ALERT("done")  // expect: done
