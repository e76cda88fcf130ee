// Calls through the lean call path keep parameter conversions, defaults, results and errors.
var $o : Object
var $i; $big : Integer
$o:=New object("a"; 1)
ALERT(_lc_types("t"; 2; 2.5; True; $o; New collection; !2024-02-03!; ?01:02:03?))
// expect: t|2|3|True|38|42|02/03/2024|01:02:03|8
ALERT(_lc_types("t"; 2))
// expect: t|2|0|False|255|255|00/00/00|00:00:00|2
ALERT(Substring(_lc_types("t"; 2; -2.5); 1; 8)+" "+Substring(_lc_types("t"; 2; 3000000000.4); 1; 16)+" "+Substring(_lc_types("t"; 2; -0.4); 1; 5))
// expect: t|2|-3|F t|2|-1294967296| t|2|0
$big:=100000
ALERT(String(_lc_int($big*$big)))
// expect: 1410065408
ALERT(String(_lc_int(-3)))
// expect: 0
ALERT(String(_lc_int(-2.5))+" "+String(_lc_int(2.5)))
// expect: 0 3
ALERT(String(_lc_int))
// expect: 0
ALERT("["+_lc_text_result(False)+"]"+_lc_text_result(True))
// expect: []given
ALERT(_lc_types(1; 2))
// expect error: Parameter 1 of _lc_types: a Text was expected, got Number
ALERT(_lc_types("t"; "x"))
// expect error: Parameter 2 of _lc_types: a Real was expected, got Text
ALERT(_lc_types("t"; 2; 3; 4))
// expect error: Parameter 4 of _lc_types: a Boolean was expected, got Number
ALERT(_lc_types("t"; 2; 3; True; New collection))
// expect error: Parameter 5 of _lc_types: a Object was expected, got Collection
ALERT(_lc_types("t"; 2; 3; True; Null; $o))
// expect error: Parameter 6 of _lc_types: a Collection was expected, got Object
ALERT(String(_lc_variadic("a"; 1; 2.6; 3)))
// expect: 7
ALERT(String(_lc_variadic("a"; 1; "2")))
// expect error: Parameter 3 of _lc_variadic: a Integer was expected, got Text
ALERT(_lc_legacy)
// expect error: The variable $1 is not defined (never assigned nor declared)
// expect:
ALERT(_lc_legacy("x"; 2; 3))
// expect: 3:x2
ALERT(_lc_one($o))
// expect error: Incompatible types: Number + Text
// expect:
ALERT(String(_lc_int(1; 2; 3)))
// expect: 1
// formulas: .call, captured locals, This, extra parameters
var $f; $g : 4D.Function
$i:=7
$f:=Formula($1+$i)
ALERT(String($f.call(Null; 1))+" "+String($f.call()))
// expect error: The variable $1 is not defined (never assigned nor declared)
$g:=Formula(This.a+$1)
ALERT(String($g.call($o; 10))+" "+String($g.apply($o; New collection(20))))
// expect: 11 21
ALERT(String($g.call(Null; 1)))
// expect error: Cannot read property "a" of Null
ALERT(String(Formula(ALERT("proc")).call()))
// expect: proc
// expect:
// callbacks: formulas with extra parameters, method names, $1.result, stop
var $c : Collection
$c:=New collection(1; 2; 3; 4)
ALERT(JSON Stringify($c.map(Formula($1.value*$2); 10)))
// expect: [10,20,30,40]
ALERT(JSON Stringify($c.map("_lc_times3"; 100)))
// expect: [100,200,300,400]
ALERT(JSON Stringify($c.filter(Formula($1.value>$2); 2)))
// expect: [3,4]
ALERT(String($c.reduce(Formula($1.accumulator+$1.value+$2); 0; 1000)))
// expect: 4010
ALERT(JSON Stringify($c.map(Formula($1.result:=$1.value+0.5))))
// expect: [1.5,2.5,3.5,4.5]
ALERT(String($c.find(Formula($1.value>($i-5)))))
// expect: 3
ALERT(String($c.every(Formula(Value type($1.value)=Is real))))
// expect: True
ALERT(String($c.some(Formula($1.value=$2); 9)))
// expect: False
ALERT(JSON Stringify($c.orderByMethod(Formula($1.value>$1.value2))))
// expect: [4,3,2,1]
ALERT(JSON Stringify($c.map(Formula($1.value.x))))
// expect error: Cannot read property "x" of a Number value
// classes: inherited constructor, property initialisers, unwrapped constructor, accessors, Super checks
var $k : cs.LcKid
$k:=cs.LcKid.new(5)
ALERT($k.tag+" "+String($k.n)+" "+OB Class($k).name)
// expect: base 5 LcKid
var $p : Object
$p:=cs.LcPlain.new(3)
ALERT(String($p.v)+" "+String(Value type($p.int))+" "+String($p.self=$p)+" "+String($p.doubled))
// expect: 3 1 True 6
$p.doubled:=10
ALERT(String($p.v))
// expect: 5
$p.v:=Null
ALERT(String(Value type($p.v)))
// expect: 255
$p.w:=Current date
ALERT(String(Value type($p.w)))
// expect: 4
$p.v:="t"
$p.v:=$o.nothing
ALERT("["+$p.v+"]")
// expect: []
$p:=cs.LcNeeds.new(1)
// expect error: This is used before the superclass of LcNeeds was constructed: call Super() first
$p:=cs.LcGood.new(2)
ALERT(String($p.n)+" "+String($p.late)+" "+$p.tag)
// expect: 20 21 base
$p:=cs.LcPlain.new()
ALERT(String(Value type($p.v)))
// expect: 5
ALERT(String(cs.LcPlain.new.call(Null; 4).v))
// expect: 4

