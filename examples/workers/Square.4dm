// Runs in a worker: squares $n and files the result; `handled` is a process variable of the worker.
#DECLARE($n : Integer; $results : Collection)
If (Undefined(handled))
	handled:=0
End if
handled:=handled+1
$results.push(New shared object("n"; $n; "square"; $n*$n; "worker"; Current process name; "handled"; handled))
