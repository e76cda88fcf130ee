// Objects and collections compare by reference with = and #.
// Source: blog.4d.com "Easy Reference Comparison of Objects & Collections" (4D 20 R6) and
// docs/API/CollectionClass.md, .query() "Object or collection reference as value".
var $o1; $o2; $o3 : Object
$o1:={a: 1}
$o2:={a: 1}  // the same content, another object
$o3:=$o1  // the same reference: not a copy
ALERT(String($o1=$o3))  // expect: True
ALERT(String($o1#$o3))  // expect: False
ALERT(String($o1=$o2))  // expect: False
ALERT(String($o1#$o2))  // expect: True
var $c1; $c2; $c3 : Collection
$c1:=["a"]
$c2:=["a"]
$c3:=$c1
ALERT(String($c1=$c3))  // expect: True
ALERT(String($c1#$c3))  // expect: False
ALERT(String($c1=$c2))  // expect: False
ALERT(String($c1#$c2))  // expect: True
// the same through the fast closures of locals and through expressions
$same:=($o3=$o1) & ([$o1][0]=$o1)
ALERT(String($same))  // expect: True
ALERT(String($o1=Null))  // expect: False
ALERT(String($o1="a"))  // expect: False
ALERT(String($o1<$o3))  // expect error: Cannot compare Object with Object
// var with an initial value that is a variable holds that reference
var $o4:=$o1
ALERT(String($o4=$o1))  // expect: True
// query: object and collection references given in querySettings.parameters
var $col; $r : Collection
$col:=[{o: $o1}; {o: $o2}; {o: $o3}]
$r:=$col.query("o = :v"; {parameters: {v: $o3}})
ALERT(String($r.length))  // expect: 2
ALERT(String($r[0].o=$o1)+String($r[1].o=$o1))  // expect: TrueTrue
ALERT(String($col.query("o # :v"; {parameters: {v: $o3}}).length))  // expect: 1
ALERT(String($col.query("o != :v"; {parameters: {v: $o1}}).length))  // expect: 1
$col:=[{c: $c1}; {c: $c2}; {c: $c3}]
$r:=$col.query("c = :v"; {parameters: {v: $c3}})
ALERT(String($r.length))  // expect: 2
ALERT(String($r[0].c=$c1)+String($r[1].c=$c1))  // expect: TrueTrue
ALERT(String($col.query("c == :v"; {parameters: {v: $c2}}).length))  // expect: 1
// "not supported with this syntax: you must use the querySettings parameter"
$r:=$col.query("c = :1"; $c3)  // expect error: can only be compared through querySettings.parameters
$r:=$col.query("c > :v"; {parameters: {v: $c3}})  // expect error: can only be compared with = or #
