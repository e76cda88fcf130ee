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
