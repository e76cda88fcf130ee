// Peak memory of n small objects in a collection (n is the first argument).
#DECLARE($n : Integer)
var $c : Collection
var $i : Integer
$c:=New collection
For ($i; 1; $n)
	$c.push({id: $i; name: "item"})
End for
ALERT(String($c.length))
