// This.name reads and stores: own properties, computed properties, functions, missing names
var $p : cs.ThisProbe
$p:=cs.ThisProbe.new(4)
ALERT($p.read())  // expect: 4 8 5 5 38
ALERT(String($p.first))  // expect: 12
$p.only:=7
ALERT($p.read())  // expect: 7 14 5 5 38
$p.store(2.5)
ALERT(String($p.n)+" "+String($p.extra)+" "+String(Value type($p.extra)))  // expect: 2.5 2.5 1
$p.store("x")
ALERT(String($p.n)+" "+$p.extra)  // expect: x x
$p.store(Null)
ALERT(String(Value type($p.n))+" "+String(Value type($p.extra)))  // expect: 255 255
$p.storeReadOnly()  // expect error: read-only
// This in a formula: a plain object, then Null
var $o : Object
$o:=New object("a"; 5; "f"; Formula(This.a+1))
ALERT(String($o.f()))  // expect: 6
ALERT(String(Formula(This.a).call(New object("a"; 3))))  // expect: 3
ALERT(String(Formula(This.a).call(Null)))  // expect error: of Null
// Integers pushed on a collection are stored as reals
var $c : Collection
var $i : Integer
$c:=New collection
For ($i; 1; 3)
	$c.push($i)
End for
ALERT(String($c.sum())+" "+String(Value type($c[0]))+" "+String(Value type($c[2])))  // expect: 6 1 1
