// bench: n=50000 quick=5000
// Object and collection churn: object literals, push, property reads and writes, For each.
#DECLARE($n : Integer)
var $c : Collection
var $o : Object
var $i : Integer
var $total; $big : Real
$c:=New collection
For ($i; 1; $n)
	$c.push({id: $i; group: $i%10; score: ($i*7)%101})
End for
$total:=0
$big:=0
For each ($o; $c)
	$total:=$total+$o.score+$o.group
	If ($o.score>90)
		$o.flag:=True
		$big:=$big+1
	End if
End for each
For ($i; 0; $c.length-1; 3)
	$c[$i].score:=$c[$i].score+1
End for
$total:=$total+$c[0].score+$c[3].score
ALERT(String($total)+" "+String($big)+" "+String($c.length))
