// One task of workers.4dm: a modular sum, then a shared update under Use.
#DECLARE($k : Integer; $n : Integer)
var $i; $s : Integer
$s:=0
For ($i; 1; $n)
	$s:=($s+($i*$k))%1000003
End for
Use (Storage.bench)
	Storage.bench.total:=Storage.bench.total+$s
	Storage.bench.done:=Storage.bench.done+1
	If (Storage.bench.done=Storage.bench.expected)
		ALERT(String(Storage.bench.done)+" "+String(Storage.bench.total))
	End if
End use
