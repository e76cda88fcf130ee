// Num (docs/commands-legacy/num.md, values.md 7.2)
ALERT(String(Num("ABCD")))  // expect: 0
ALERT(String(Num("A1B2C3")))  // expect: 123
ALERT(String(Num("123")))  // expect: 123
ALERT(String(Num("123.4")))  // expect: 123.4
ALERT(String(Num("-123")))  // expect: -123
ALERT(String(Num("-123e2")))  // expect: -12300
ALERT(String(Num("123e-2")))  // expect: 1.23
ALERT(String(Num("123-456")))  // expect: 123
ALERT(String(Num("-9")))  // expect: -9
ALERT(String(Num("33,333.33";".")))  // expect: 33333.33
ALERT(String(Num("33 333,33";",")))  // expect: 33333.33
ALERT(String(Num("1,5";",")))  // expect: 1.5
ALERT(String(Num(True)))  // expect: 1
ALERT(String(Num(False)))  // expect: 0
ALERT(String(Num(42.5)))  // expect: 42.5
ALERT(String(Num("")))  // expect: 0
ALERT(String(Num("$1,234.50")))  // expect: 1234.5
ALERT(String(Num("1e3")))  // expect: 1000
var $o : Object
$o:=New object
ALERT(String(Num($o.missing)))  // expect: 0
ALERT(String(Num(Null)))  // expect: 0
ALERT(String(Num("  42  ")))  // expect: 42
ALERT(String(Num(".5")))  // expect: 0.5
