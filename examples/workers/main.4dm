// A pool of three workers fed with CALL WORKER. Each worker has a mailbox (first in, first out)
// and keeps its process variables between messages.

var $results : Collection
$results:=New shared collection
var $i : Integer
For ($i; 1; 9)
	CALL WORKER("pool "+String(($i-1)%3+1); "Square"; $i; $results)
End for

// One more message per worker, with a formula: it triggers a signal once the worker got there.
$signals:=New collection
For ($i; 1; 3)
	$s:=New signal
	$signals.push($s)
	CALL WORKER("pool "+String($i); Formula($1.trigger()); $s)
End for
For each ($s; $signals)
	$s.wait(30)
End for each

For each ($r; $results.orderBy("n asc"))
	ALERT(String($r.n)+"² = "+String($r.square)+" by "+$r.worker+" (message "+String($r.handled)+")")
End for each

// The workers end when the run ends; KILL WORKER ends one earlier.
KILL WORKER("pool 1")
