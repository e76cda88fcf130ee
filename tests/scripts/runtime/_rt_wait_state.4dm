// Waits (about 20 s at most) until process $p is in state $state; returns that state.
#DECLARE($p : Integer; $state : Integer) : Integer
var $i : Integer
$i:=0
While ((Process state($p)#$state) & ($i<1200))
	DELAY PROCESS(Current process; 1)
	$i:=$i+1
End while
return Process state($p)
