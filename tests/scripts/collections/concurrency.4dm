// Modifying functions of a shared collection lock it: concurrent pushes and sorts lose nothing
var $s; $signals : Collection
var $sig : Object
var $i : Integer
$s:=New shared collection
$signals:=New collection
For ($i; 1; 4)
	$sig:=New signal
	$signals.push($sig)
	New process("_coll_pusher"; 0; "pusher "+String($i); $s; 300; "p"+String($i); $sig)
End for
For each ($sig; $signals)
	If (Not($sig.wait(60)))
		ALERT("timeout")
	End if
End for each
ALERT(String($s.length))  // expect: 1200
ALERT(String($s.countValues("p1")))  // expect: 300
ALERT(String($s.countValues("p4")))  // expect: 300
ALERT($s.distinct().join(","))  // expect: p1,p2,p3,p4
