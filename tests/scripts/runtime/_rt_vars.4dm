// Sets process variables, waits for $go, then reports what it sees.
#DECLARE($go : Object; $report : Object)
var counter : Integer
status:="child status"
counter:=7
$go.wait(20)
Use ($report)
	$report.status:=status
	$report.counter:=counter
End use
