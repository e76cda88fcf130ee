// Binary operators evaluate strictly left to right (no precedence)
ALERT(String(3+4*5))  // expect: 35
ALERT(String(3+(4*5)))  // expect: 23
ALERT(String(10-2-3))  // expect: 5
ALERT(String(2*3+4))  // expect: 10
ALERT(String(2+3*4-1))  // expect: 19
$x:=5
ALERT(String($x+1*2))  // expect: 12
ALERT(String(20/2/5))  // expect: 2
ALERT(String(2^3^2))  // expect: 64
// every binary operator, comparisons and text operators included, is applied left to right
ALERT("a"+"b"*2)  // expect: abab
ALERT(String($x+1>5))  // expect: True
$b:=5<$x+1  // expect error: 90010
ALERT(String(10-2-3-1))  // expect: 4
ALERT(String(2*3^2))  // expect: 36
ALERT(String(100/10/2*3))  // expect: 15
ALERT(String(1+2=3))  // expect: True
ALERT(String(True & False | True))  // expect: True
ALERT(String(False & (False | True)))  // expect: False
ALERT(String(-2^2))  // expect: 4
ALERT(String(-(2^2)))  // expect: -4
// operands are evaluated left to right too
trail:=""
$r:=_Trace("a")+_Trace("b")+_Trace("c")
ALERT(trail)  // expect: abc
