// bench: n=300000 quick=20000
// Counted loop with Integer arithmetic: modulo, comparison, branches.
#DECLARE($n : Integer)
var $i; $x; $sum : Integer
$sum:=0
For ($i; 1; $n)
	$x:=$i%7
	If ($x=3)
		$sum:=($sum+($i*3))%1000003
	Else
		$sum:=$sum+$x
	End if
End for
ALERT(String($sum))
