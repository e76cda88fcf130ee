// Calls of methods and class functions keep their checks, results and error positions.
var $a; $b; $c : cs.PerfPoint
$a:=cs.PerfPoint.new(1; 2)
$b:=cs.PerfPoint.new(10; 20)
$c:=$a.plus($b)
ALERT(String($c.x)+" "+String($c.y))
// expect: 11 22
$c:=$a.scaled(2.6)
ALERT(String($c.x)+" "+String($c.y))
// expect: 3 6
ALERT(String($a.plus(cs.PerfOther.new()).x))
// expect error: Parameter 1 of PerfPoint.plus: a cs.PerfPoint was expected, got Object
ALERT(String($a.plus(5).x))
// expect error: Parameter 1 of PerfPoint.plus: a cs.PerfPoint was expected, got Number
// an own property named like a class function hides it
$a.plus:=7
$c:=$a.plus($b)
// expect error: is not a function
$a.plus:=Formula(This.x*100)
ALERT(String($a.plus($b)))
// expect: 100
$a.fail()
// expect error: Cannot set property "missing"
ALERT(String(cs.PerfPoint.new(4; 5).plus($b).y))
// expect: 25
