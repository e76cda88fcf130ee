// GET PROCESS VARIABLE and SET PROCESS VARIABLE (docs/commands-legacy/get-process-variable.md).
$go:=New signal
$report:=New shared object
$p:=New process("_rt_vars"; 0; "vars"; $go; $report)
ALERT(String(_rt_wait_state($p; Waiting for internal flag)))  // expect: 4
GET PROCESS VARIABLE($p; status; $status; counter; $counter)
ALERT($status+" "+String($counter))  // expect: child status 7
ALERT(String(Undefined(status)))  // expect: True
GET PROCESS VARIABLE($p; never_set; $x)
ALERT(String(Undefined($x)))  // expect: True
status:="main status"
SET PROCESS VARIABLE($p; status; status; counter; 41.6)
GET PROCESS VARIABLE($p; $status; $x)  // expect error: cannot be a local variable
GET PROCESS VARIABLE($p; status)  // expect error: 90013
SET PROCESS VARIABLE(999; status; "nobody")
GET PROCESS VARIABLE(999; status; $nothing)
$go.trigger()
_rt_wait_ended(New collection($p))
ALERT($report.status+" "+String($report.counter))  // expect: main status 42
