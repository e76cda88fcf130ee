// Null and Undefined. Source: docs/Concepts/dt_null_undefined.md (rules and comparison tables)
var $o : Object
$o:={a: 1; n: Null; t: "x"; b: True; c: [1]; d: !2024-01-31!}
ALERT(String(Undefined($o.missing)))  // expect: True
ALERT(String(Undefined($o.n)))  // expect: False
ALERT(String($o.n=Null))  // expect: True
ALERT(String(Value type($o.missing)))  // expect: 5
ALERT(String(Value type($o.n)))  // expect: 255
ALERT(String(Value type(Null)))  // expect: 255
// a property of Undefined is Undefined; a property of Null is an error
ALERT(String(Undefined($o.missing.deeper.still)))  // expect: True
$x:=$o.n.prop  // expect error: 90020
// comparisons
ALERT(String(Null=Null))  // expect: True
ALERT(String($o.missing=Null))  // expect: True
ALERT(String($o.missing=$o.other))  // expect: True
ALERT(String($o.n=1))  // expect: False
ALERT(String($o.n#1))  // expect: True
ALERT(String($o.missing="x"))  // expect: False
ALERT(String($o.missing#"x"))  // expect: True
ALERT(String($o.missing>1))  // expect: False
ALERT(String($o.missing<"abc"))  // expect: False
ALERT(String($o.missing<=!2020-01-01!))  // expect: False
ALERT(String($o.missing>=?01:00:00?))  // expect: False
$b:=$o.n>1  // expect error: 90010
$b:=1<Null  // expect error: 90010
$b:=$o.missing>True  // expect error: 90010
$b:=$o.missing<$o.other  // expect error: 90010
$b:=$o.missing>$o.n  // expect error: 90010
// assigning Undefined to a typed variable resets it to the default value
var $i : Integer
$i:=5
$i:=$o.missing
ALERT(String($i))  // expect: 0
var $txt : Text
$txt:="abc"
$txt:=$o.missing
ALERT("["+$txt+"]")  // expect: []
// assigning Undefined to an existing property resets it according to its type
$o.a:=$o.missing
ALERT(String($o.a))  // expect: 0
$o.t:=$o.missing
ALERT("["+$o.t+"]")  // expect: []
$o.b:=$o.missing
ALERT(String($o.b))  // expect: False
$o.c:=$o.missing
ALERT(String($o.c=Null))  // expect: True
$o.d:=$o.missing
ALERT(String($o.d))  // expect: 00/00/00
$o.n:=$o.missing
ALERT(String($o.n=Null))  // expect: True
// assigning Undefined to a missing property does nothing
$o.newProp:=$o.missing
ALERT(String(OB Is defined($o; "newProp")))  // expect: False
// collection literal: an Undefined element is stored as Null
$c:=[1; $o.missing; 3]
ALERT(String(Value type($c[1])))  // expect: 255
// If and Case of: Undefined counts as False
If ($o.missing)
	ALERT("wrong")
Else
	ALERT("undefined is false")  // expect: undefined is false
End if
Case of
	: ($o.missing)
		ALERT("wrong")
	Else
		ALERT("case else")  // expect: case else
End case
// casts
ALERT("["+String($o.missing)+"]")  // expect: []
ALERT(String(Null))  // expect: null
ALERT(String(Num($o.missing)))  // expect: 0
// declared but unassigned object and collection variables are Null
var $obj : Object
var $col : Collection
ALERT(String($obj=Null))  // expect: True
ALERT(String($col=Null))  // expect: True
ALERT(String($col.length))  // expect: 0
ALERT(String(Undefined($obj.a)))  // expect: True
$obj.a:=1  // expect error: 90021
// an unassigned Variant is Undefined
var $v : Variant
ALERT(String(Undefined($v)))  // expect: True
ALERT(String(Value type($v)))  // expect: 5
