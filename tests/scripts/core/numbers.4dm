// Number operators: / \ % ^, real equality tolerance, bitwise operators
// Sources: docs/Concepts/dt_number.md, docs/Concepts/operators.md
ALERT(String(5/2))  // expect: 2.5
ALERT(String(10\3))  // expect: 3
ALERT(String(10%3))  // expect: 1
// dt_number.md: "10.5 % 2" returns 0 (operands are used as integers)
ALERT(String(10.5%2))  // expect: 0
ALERT(String(2^3))  // expect: 8
ALERT(String(2^0.5))  // expect: 1.414213562373
ALERT(String(1/3))  // expect: 0.3333333333333
ALERT(String(Arctan(1)*4))  // expect: 3.14159265359
ALERT(String(2^15))  // expect: 32768
ALERT(String(1/0))  // expect: INF
ALERT(String(-1/0))  // expect: -INF
ALERT(String(-5+2))  // expect: -3
ALERT(String(-(2+3)))  // expect: -5
// Real equality uses an epsilon of 1e-6 (docs/commands-legacy/set-real-comparison-level.md)
ALERT(String(0.1+0.2=0.3))  // expect: True
ALERT(String(1.0000001=1))  // expect: True
ALERT(String(1.00001=1))  // expect: False
ALERT(String(1.0000001#1))  // expect: False
ALERT(String(1.0000001>1))  // expect: True
ALERT(String(3=3))  // expect: True
ALERT(String(3#4))  // expect: True
ALERT(String(3<=3))  // expect: True
ALERT(String(1.5e3))  // expect: 1500
// Bitwise operators: the examples of docs/Concepts/dt_number.md ("Bitwise operators")
ALERT(String(0x0000FFFF & 0xFF00FF00))  // expect: 65280
ALERT(String((0x0000FFFF | 0xFF00FF00)=0xFF00FFFF))  // expect: True
ALERT(String(0x0000FFFF | 0xFF00FF00))  // expect: -16711681
ALERT(String(0x0000FFFF ^| 0xFF00FF00))  // expect: -16776961
ALERT(String(0x0000FFFF << 8))  // expect: 16776960
ALERT(String(0x0000FFFF >> 8))  // expect: 255
ALERT(String(0x00000000 ?+ 16))  // expect: 65536
ALERT(String(0x00010000 ?- 16))  // expect: 0
ALERT(String(0x00010000 ?? 16))  // expect: True
ALERT(String(0x00010000 ?? 15))  // expect: False
ALERT(String(True & False))  // expect: False
ALERT(String(True | False))  // expect: True
ALERT(String(5 & 3))  // expect: 1
$x:="abc"+0.5  // expect error: 90010
$x:=True+1  // expect error: 90010
$x:=10\0  // expect error: 90040
ALERT("done")  // expect: done
// INF and the undefined number (Log(-1), formatted as "" by String) never stop the interpreter
$undef:=Log(-1)
$one:=1
ALERT("["+String($undef)+"]")  // expect: []
// an undefined number is neither equal to, smaller nor larger than any number
ALERT(String($undef=$undef)+" "+String($undef#$undef)+" "+String($undef=1))  // expect: False True False
ALERT(String($undef<1)+" "+String($undef>1)+" "+String($undef<=1)+" "+String($undef>=1))  // expect: False False False False
ALERT(String($undef<=$one)+" "+String($one>=$undef)+" "+String(Log(-1)<=1))  // expect: False False False
// trigonometry of INF is an undefined number (C library)
ALERT("["+String(Cos(1/0))+String(Sin(-1/0))+String(Tan(1/0))+"]")  // expect: []
ALERT("["+String(Mod(5;1/0))+String(0%(1/0))+"]")  // expect: []
$t:=Time(1/0)  // expect error: error 90014: `Time`: argument 1 is infinite (INF) or undefined (NaN)
ALERT(Time string(-1/0))  // expect error: error 90014
ALERT(String(Process number(1/0)))  // expect error: error 90014
ALERT(String(Get database parameter(Log(-1))))  // expect error: error 90014
ALERT(Substring("abc";1;1/0))  // expect error: error 90014
