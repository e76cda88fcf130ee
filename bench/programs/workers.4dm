// bench: n=50000 quick=5000
// A pool of 4 workers fed with CALL WORKER; the last task to finish prints the total.
#DECLARE($n : Integer)
var $w : Integer
Use (Storage)
	Storage.bench:=New shared object("done"; 0; "total"; 0; "expected"; 8)
End use
For ($w; 1; 8)
	CALL WORKER("bench_worker_"+String(($w%4)+1); "bench_task"; $w; $n)
End for
