// bench: n=300000 quick=20000
// Counted loop with Real arithmetic: the Leibniz series for pi and a harmonic sum.
#DECLARE($n : Integer)
var $i : Integer
var $pi; $sign; $h : Real
$pi:=0
$sign:=1
$h:=0
For ($i; 0; $n-1)
	$pi:=$pi+($sign/((2*$i)+1))
	$sign:=-$sign
	$h:=$h+(1/($i+1))
End for
$pi:=$pi*4
ALERT(String(Int($pi*1000000))+" "+String(Int($h*1000000)))
