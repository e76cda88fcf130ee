// bench: n=30000 quick=3000
// Class instances and class function calls: constructor, property reads, member calls.
#DECLARE($n : Integer)
var $acc; $p : cs.BenchPoint
var $i : Integer
var $sum : Real
$acc:=cs.BenchPoint.new(0; 0)
$sum:=0
For ($i; 1; $n)
	$p:=cs.BenchPoint.new($i%5; $i%3)
	$acc:=$acc.plus($p)
	$sum:=$sum+$p.norm2()
End for
ALERT(String($acc.x)+" "+String($acc.y)+" "+String($sum))
