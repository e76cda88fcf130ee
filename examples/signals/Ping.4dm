// Waits for its turn, prints, and hands over to the next process, $rounds times.
#DECLARE($name : Text; $turns : Collection; $me : Integer; $rounds : Integer)
var $i : Integer
For ($i; 1; $rounds)
	$turns[($i-1)*2+$me].wait(30)
	ALERT($name+" "+String($i))
	$next:=($i-1)*2+$me+1
	If ($next<$turns.length)
		$turns[$next].trigger()
	End if
End for
