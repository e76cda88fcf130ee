// bench: n=30000 quick=3000
// Formulas: map and filter callbacks, reduce, and direct calls of a Formula object.
#DECLARE($n : Integer)
var $c; $doubled; $thirds : Collection
var $sq : 4D.Function
var $i : Integer
var $s; $t : Real
$c:=New collection
For ($i; 1; $n)
	$c.push($i)
End for
$doubled:=$c.map(Formula($1.value*2))
$thirds:=$doubled.filter(Formula(($1.value%3)=0))
$s:=$thirds.reduce(Formula($1.accumulator+$1.value); 0)
$sq:=Formula(($1*$1)%1000)
$t:=0
For ($i; 1; $n)
	$t:=$t+$sq.call(Null; $i)
End for
ALERT(String($thirds.length)+" "+String($s)+" "+String($t))
