// Reports the session it runs in, then waits for $go.
#DECLARE($report : Object; $go : Object)
Use ($report)
	$report.id:=Session.id
	$report.user:=Session.userName
End use
$go.wait(20)
