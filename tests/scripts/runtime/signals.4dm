// 4D.Signal (docs/API/SignalClass.md) and semaphores (docs/commands-legacy/semaphore.md).
$sig:=New signal("job")
ALERT($sig.description)  // expect: job
ALERT(String($sig.signaled))  // expect: False
ALERT(String(OB Is shared($sig)))  // expect: True
ALERT(String(New signal.description=""))  // expect: True
ALERT(String(OB Instance of($sig; 4D.Signal))+" "+String(OB Instance of(Session; 4D.Session)))  // expect: True True
$t:=New signal
ALERT(String($t.wait(0.05)))  // expect: False
$go:=New signal
$p:=New process("_rt_on_signal"; 0; "waiter"; $go; $sig)
ALERT(String(_rt_wait_state($p; Waiting for internal flag)))  // expect: 4
ALERT(String($sig.signaled))  // expect: False
$go.trigger()
ALERT(String($sig.wait(20)))  // expect: True
ALERT(String($sig.signaled)+" "+String($sig.result))  // expect: True 42
ALERT(String($sig.wait(0)))  // expect: True
$sig.trigger()
ALERT(String($sig.signaled))  // expect: True
$sig.description:="changed"  // expect error: 90050
Use ($sig)
	$sig.description:="changed"
End use
ALERT($sig.description)  // expect: changed
$sig.signaled:=False  // expect error: read-only
// Semaphores: False means the calling process now holds it.
ALERT(String(Semaphore("held by main")))  // expect: False
ALERT(String(Semaphore("held by main")))  // expect: False
ALERT(String(Test semaphore("held by main")))  // expect: True
ALERT(String(Test semaphore("Held by main")))  // expect: False
$report:=New shared object
Use ($report)
	$report.ready:=New signal
End use
$go:=New signal
$p:=New process("_rt_hold_semaphore"; 0; "holder"; "job lock"; $report; $go)
ALERT(String($report.ready.wait(20)))  // expect: True
ALERT(String($report.got)+" "+String($report.other))  // expect: True True
ALERT(String(Test semaphore("held by main")))  // expect: True
ALERT(String(Semaphore("job lock")))  // expect: True
ALERT(String(Test semaphore("job lock")))  // expect: True
CLEAR SEMAPHORE("job lock")
ALERT(String(Test semaphore("job lock")))  // expect: True
$go.trigger()
ALERT(String(Semaphore("job lock"; 1200)))  // expect: False
CLEAR SEMAPHORE("job lock")
CLEAR SEMAPHORE("held by main")
ALERT(String(Test semaphore("job lock"))+" "+String(Test semaphore("held by main")))  // expect: False False
