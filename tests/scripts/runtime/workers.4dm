// Workers (docs/commands/call-worker.md): FIFO mailbox, process variables kept between messages.
var $log : Collection
$log:=New shared collection
CALL WORKER("pool"; "_rt_work"; $log; "a")
CALL WORKER("pool"; "_rt_work"; $log; "b")
CALL WORKER("pool"; "_rt_work"; $log; "c")
$w:=Process number("pool")
ALERT(String($w>1))  // expect: True
ALERT(String(Process number("Pool")))  // expect: 0
$done:=New signal
CALL WORKER("pool"; Formula($1.trigger()); $done)
ALERT(String($done.wait(20)))  // expect: True
ALERT($log.join(", "))  // expect: a #1 in pool, b #2 in pool, c #3 in pool
ALERT(String(Process info($w).type))  // expect: 5
// A worker is called by number too; a process made by New process cannot be called.
$done:=New signal
CALL WORKER($w; "_rt_work"; $log; "d")
CALL WORKER($w; Formula($1.trigger()); $done)
ALERT(String($done.wait(20)))  // expect: True
ALERT($log[3])  // expect: d #4 in pool
// Standard objects are copied for the worker.
$std:=New object("v"; 1)
$done:=New signal
CALL WORKER("pool"; Formula(OB SET($1; "v"; 2)); $std)
CALL WORKER("pool"; Formula($1.trigger()); $done)
ALERT(String($done.wait(20))+" "+String($std.v))  // expect: True 1
// KILL WORKER ends it; a later call starts a new worker process whose variables start afresh.
KILL WORKER("pool")
_rt_wait_ended(New collection($w))
ALERT(String(Process state($w)))  // expect: -1
$done:=New signal
CALL WORKER("pool"; "_rt_work"; $log; "e")
CALL WORKER("pool"; Formula($1.trigger()); $done)
ALERT(String($done.wait(20)))  // expect: True
ALERT($log[4])  // expect: e #1 in pool
ALERT(String(Process number("pool")#$w))  // expect: True
// Unknown workers: nothing happens.
KILL WORKER("nobody")
CALL WORKER("never started"; "")
ALERT(String(Process number("never started")))  // expect: 0
CALL WORKER(1; "")
CALL WORKER(999; "_rt_work"; $log; "x")
ALERT(String($log.length))  // expect: 5
// Messages to the main process (worker 1) run after the main method.
CALL WORKER(1; Formula(ALERT("main mailbox "+String(Current process))))
ALERT("end of main method")  // expect: end of main method
// expect: main mailbox 1
