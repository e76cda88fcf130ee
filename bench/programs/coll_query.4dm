// bench: n=20000 quick=2000
// Collection functions over objects: orderBy and query with placeholders.
#DECLARE($n : Integer)
var $c; $sorted; $found : Collection
var $i : Integer
$c:=New collection
For ($i; 1; $n)
	$c.push({id: $i; group: $i%10; score: ($i*7)%101})
End for
$sorted:=$c.orderBy("score desc, id asc")
$found:=$c.query("group = :1 and score > :2"; 3; 50)
ALERT(String($sorted[0].id)+" "+String($sorted[$n-1].id)+" "+String($found.length)+" "+String($found[0].id))
