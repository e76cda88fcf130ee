// bench: n=50000 quick=5000
// Shared objects and collections written under Use ... End use.
#DECLARE($n : Integer)
var $o : Object
var $c : Collection
var $i : Integer
$o:=New shared object("count"; 0; "sum"; 0)
$c:=New shared collection
For ($i; 1; $n)
	Use ($o)
		$o.count:=$o.count+1
		$o.sum:=$o.sum+($i%13)
	End use
	If ($i%10=0)
		Use ($c)
			$c.push($i)
		End use
	End if
End for
ALERT(String($o.count)+" "+String($o.sum)+" "+String($c.length))
