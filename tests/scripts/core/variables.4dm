// Typed variables, defaults, inference, Integer conversion, process and interprocess variables
// Sources: docs/Concepts/variables.md, docs/Concepts/data-types.md (default values)
var $t : Text
var $i : Integer
var $r : Real
var $b : Boolean
var $d : Date
var $h : Time
var $c : Collection
var $o : Object
ALERT("["+$t+"]")  // expect: []
ALERT(String($i))  // expect: 0
ALERT(String($r))  // expect: 0
ALERT(String($b))  // expect: False
ALERT(String($d))  // expect: 00/00/00
ALERT(String($h))  // expect: 00:00:00
ALERT(String($c=Null))  // expect: True
ALERT(String($o=Null))  // expect: True
ALERT(String(Type($i)))  // expect: 9
ALERT(String(Type($r)))  // expect: 1
ALERT(String(Type($t)))  // expect: 2
// var $n:=20 infers Real, not Integer (docs/Concepts/variables.md)
var $n:=20
ALERT(String(Type($n)))  // expect: 1
var $s:="hi"
ALERT(String(Type($s)))  // expect: 2
var $coll:=[]
ALERT(String(Type($coll)))  // expect: 42
var $ob:={}
ALERT(String(Type($ob)))  // expect: 38
var $typed : Text:="init"
ALERT($typed)  // expect: init
var $a1; $a2; $a3 : Integer
ALERT(String($a1+$a2+$a3))  // expect: 0
// Integer variables hold 32-bit integers; reals are rounded on assignment
$i:=2.6
ALERT(String($i))  // expect: 3
$i:=-2.6
ALERT(String($i))  // expect: -3
$i:=7/2
ALERT(String($i))  // expect: 4
ALERT(String(Value type($i)))  // expect: 1
// numeric values convert between Integer and Real
$r:=$i
ALERT(String($r))  // expect: 4
// a typed variable keeps its type
$i:="text"  // expect error: 90031
$t:=12  // expect error: 90031
$d:="2024-01-01"  // expect error: 90031
ALERT(String($i))  // expect: 4
// an untyped variable changes type freely
$u:=1
$u:="now text"
ALERT($u)  // expect: now text
// declaring again does not reset a variable created by assignment (variables.md)
$w:="kept"
var $w : Text
ALERT($w)  // expect: kept
// process variables (no prefix) and interprocess variables (<>)
counter:=1
counter:=counter+1
ALERT(String(counter))  // expect: 2
<>shared:="ip"
ALERT(<>shared+"!")  // expect: ip!
var myProcessVar : Integer
ALERT(String(myProcessVar))  // expect: 0
// reading a variable never assigned nor declared
ALERT($neverSet)  // expect error: 90030
