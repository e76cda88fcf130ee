// String(number; base): the number written in base 2 to 36, as EcmaScript's toString(radix).
// Source: docs/commands/string.md, "String(number;base)" (4D 21).
ALERT(String(10; 2))  // expect: 1010
ALERT(String(-10; 2))  // expect: -1010
ALERT(String(254; 16))  // expect: fe
ALERT(String(-16523461; 16))  // expect: -fc20c5
ALERT(String(Log(-1); 10))  // expect: NaN
ALERT(String(1/0; 10))  // expect: NaN
ALERT(String(-1/0; 10))  // expect: NaN
ALERT(String(255; 36))  // expect: 73
ALERT(String(35; 36))  // expect: z
ALERT(String(8; 8))  // expect: 10
ALERT(String(0; 2))  // expect: 0
ALERT(String(12; 0))  // expect: 12
ALERT(String(0.5; 2))  // expect: 0.1
ALERT(String(-2.25; 2))  // expect: -10.01
ALERT(String(123.456; 10))  // expect: 123.456
ALERT(String(1e21; 10))  // expect: 1e+21
ALERT(String(0.000001; 10))  // expect: 0.000001
ALERT(String(1e-7; 10))  // expect: 1e-7
ALERT(String(2^60; 16))  // expect: 1000000000000000
var $i : Integer
$i:=255
ALERT(String($i; 16))  // expect: ff
// the default form and the display formats are unchanged
ALERT(String(255))  // expect: 255
ALERT(String(-1; "&x"))  // expect: 0xFFFFFFFF
ALERT(String(12; 1))  // expect error: the base must be between 2 and 36
ALERT(String(12; 37))  // expect error: the base must be between 2 and 36
