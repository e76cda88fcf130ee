// Object literals, property reads and property writes: every kind of value and receiver
var $o; $so; $inner : Object
var $c : Collection
var $n : Integer
var $t : Time

// literal values: constants, locals, expressions; integers and times are stored as Reals
$n:=7
$t:=?01:00:00?
$o:={a: 1; b: $n; c: $n+1; d: $t; e: Null; f: "x"; g: True; h: [1]; i: {j: 2}}
ALERT(JSON Stringify($o))  // expect: {"a":1,"b":7,"c":8,"d":3600,"e":null,"f":"x","g":true,"h":[1],"i":{"j":2}}
ALERT(String(Value type($o.b)))  // expect: 1
$o:={a: $o.zz; b: 2}  // an Undefined value leaves the property out
ALERT(JSON Stringify($o))  // expect: {"b":2}
$o:={a: $missing}  // expect error: 90030

// reads: plain objects, Null, Undefined, collections
$o:={a: {b: {c: 5}}}
ALERT(String($o.a.b.c))  // expect: 5
ALERT(String(Undefined($o.x.y)))  // expect: True
$o:=Null
ALERT(String(Undefined($o.a)))  // expect: True
$c:=New collection(1; 2)
ALERT(String($c.length))  // expect: 2
$x:=$c.foo  // expect error: Collections have no property
$u:=Null
$x:=$u.a  // expect error: Cannot read property "a" of Null
$x:=$nothing.a  // expect error: 90030

// writes: every value kind on a plain object
$o:=New object
$o.n:=$n
$o.t:=$t
$o.r:=1.5
$o.s:="s"
$o.b:=False
$o.z:=Null
$o.c:=New collection
$o.o:=New object("k"; 1)
ALERT(JSON Stringify($o))  // expect: {"n":7,"t":3600,"r":1.5,"s":"s","b":false,"z":null,"c":[],"o":{"k":1}}
ALERT(String(Value type($o.n)))  // expect: 1
$o.s:=$o.nothing  // Undefined empties an existing property
$o.gone:=$o.nothing  // and creates nothing
ALERT(JSON Stringify($o))  // expect: {"n":7,"t":3600,"r":1.5,"s":"","b":false,"z":null,"c":[],"o":{"k":1}}
$c:=New collection(New object)
$c[0].k:="v"
ALERT(JSON Stringify($c))  // expect: [{"k":"v"}]
$o:=Null
$o.a:=1  // expect error: Null
$never.a:=1  // expect error: 90030
$c.a:=1  // expect error: Cannot set property "a"

// writes to a shared object: inside Use only; shared values join, standard ones are refused
$so:=New shared object("count"; 0)
$so.count:=1  // expect error: outside Use
Use ($so)
	$so.count:=$so.count+1
	$so.text:="t"
	$so.int:=$n
	$so.none:=Null
	$so.std:=New object  // expect error: -10721
	$inner:=New shared object("x"; 1)
	$so.inner:=$inner
End use
ALERT(JSON Stringify($so))  // expect: {"count":1,"text":"t","int":7,"none":null,"inner":{"x":1}}
Use ($so)
	$so.inner.x:=2  // the group of $inner is now the group of $so
End use
ALERT(String($inner.x))  // expect: 2
Use (Storage)
	Storage.n:=1  // expect error: Storage accepts only shared objects
End use

// $o.name:=$o.name+x: read, then x, then the object is read again for the store
$o:={n: 1}
$o.n:=$o.n+1
$o.n:=$o.n*3
$o.n:=$o.n-0.5
$n:=2
$o.n:=$o.n+$n
ALERT(String($o.n))  // expect: 7.5
$o.t:="a"
$o.t:=$o.t+"b"
ALERT($o.t)  // expect: ab
$o.u:=$o.u+1  // expect error: Undefined + Number
$o.t:=$o.t+1  // expect error: Text + Number
$o.d:=!2020-01-01!
$o.d:=$o.d+1
ALERT(String($o.d))  // expect: 01/02/2020
$p:=$o
$o.n:=$o.n+_Replace_object(->$o)
ALERT(String($p.n)+" "+String($o.n))  // expect: 7.5 8.5
$so:=New shared object("n"; 1)
$so.n:=$so.n+1  // expect error: outside Use
Use ($so)
	$so.n:=$so.n+1
End use
ALERT(String($so.n))  // expect: 2
$o:=Null
$o.n:=$o.n+1  // expect error: Undefined + Number

// collection literals: every kind of value; Undefined becomes null
$o:=New object
$c:=[1; "a"; True; Null; $n; ?01:00:00?; !2020-01-02!; [2]; {a: 1}; $o.x]
ALERT(JSON Stringify($c))  // expect: [1,"a",true,null,2,3600,"2020-01-02",[2],{"a":1},null]
ALERT(String(Value type($c[4])))  // expect: 1
