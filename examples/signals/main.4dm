// 4D.Signal: one process waits, another one triggers.

// The example of the 4D docs: a worker stores its result on the signal and triggers it.
var $signal : 4D.Signal
$signal:=New signal("This is my first signal")
CALL WORKER("myworker"; "Do_something"; $signal)
$signaled:=$signal.wait(10)  // wait for 10 seconds max
If ($signaled)
	ALERT("myworker finished the work. Result: "+$signal.myresult)
Else
	ALERT("myworker has not finished in time")
End if
ALERT($signal.description+" - signaled: "+String($signal.signaled))

// A waiting process is in state "Waiting for internal flag" (4).
var $go : 4D.Signal
$go:=New signal
$p:=New process("Ping"; 0; "waiting"; "waiter"; New shared collection($go); 0; 1)
While (Process state($p)#Waiting for internal flag)
	DELAY PROCESS(Current process; 1)
End while
ALERT("state while waiting: "+String(Process state($p)))
$go.trigger()
Wait_ended($p)

// Ping-pong: two processes take turns, each one triggering the signal the other waits for.
$turns:=New shared collection
var $i : Integer
For ($i; 1; 6)
	$turns.push(New signal)
End for
$ping:=New process("Ping"; 0; "ping"; "ping"; $turns; 0; 3)
$pong:=New process("Ping"; 0; "pong"; "pong"; $turns; 1; 3)
$turns[0].trigger()
Wait_ended($ping)
Wait_ended($pong)

// A wait that times out returns False.
ALERT("timeout: "+String(New signal.wait(0.1)))
