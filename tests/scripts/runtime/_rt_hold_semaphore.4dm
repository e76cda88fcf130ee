// Takes semaphore $name, reports, waits for $go, then clears it.
#DECLARE($name : Text; $report : Object; $go : Object)
$got:=Not(Semaphore($name))
Use ($report)
	$report.got:=$got
	$report.other:=Semaphore("held by main")
End use
CLEAR SEMAPHORE("held by main")
$report.ready.trigger()
$go.wait(20)
CLEAR SEMAPHORE($name)
