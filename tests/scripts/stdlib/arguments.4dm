// Undefined, Null and wrong-type arguments (values.md 3.2: cast commands on Undefined)
var $o : Object
$o:=New object("n";Null)
ALERT("["+String($o.missing)+"]")  // expect: []
ALERT(String(Num($o.missing)))  // expect: 0
ALERT(String(Bool($o.missing)))  // expect: False
ALERT(String(Date($o.missing)))  // expect: 00/00/00
ALERT(String(Time($o.missing)))  // expect: 00:00:00
ALERT(String($o.n))  // expect: null
ALERT("["+String($o.missing;"##0.00")+"]")  // expect: []
ALERT(String(Length($o.missing)))  // expect: 0
ALERT(String(Round($o.missing;2)))  // expect: 0
ALERT(String(Day of($o.missing)))  // expect: 0
ALERT(String(Value type(OB Get($o;"missing"))))  // expect: 5
ALERT(String(OB Keys($o.missing).length))  // expect: 0
ALERT("["+JSON Stringify($o.missing)+"]")  // expect: []
// wrong types are 4D errors, not crashes
ALERT(String(Length(5)))  // expect error: Text expected
ALERT(String(Abs("x")))  // expect error: Number expected
ALERT(String(Num(!2020-01-01!)))  // expect error: Num expects
ALERT(String(Date(5)))  // expect error: Date expects
ALERT(String(Day of("2020-01-01")))  // expect error: Date expected
ALERT(Substring("abc"))  // expect error: parameter
ALERT(String(Position("a";"b";1;$len;"x")))  // expect error: options
ALERT(JSON Parse("[1]";"x"))  // expect error: type constant
$c:=Split string(1;",")  // expect error: Text expected
ALERT(String(Choose("a";1;2)))  // expect error: criterion
ALERT(OB Get(5;"a"))  // expect error: object
ALERT(String(Generate digest("a";99)))  // expect error: not supported
ALERT(String(1;True))  // expect error: format
ALERT("still running")  // expect: still running
