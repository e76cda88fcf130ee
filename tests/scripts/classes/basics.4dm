// Classes: new(), constructor parameters, functions, computed properties, property initialisers
var $p : cs.Person
$p:=cs.Person.new("John"; "Doe")
ALERT($p.firstName)  // expect: John
ALERT($p.sayHello())  // expect: Hello John Doe
ALERT($p.fullName)  // expect: John Doe
// JSON Stringify gives the own properties: initialised ones first, then the constructor's
ALERT(JSON Stringify($p))  // expect: {"kind":"human","firstName":"John","lastName":"Doe"}
$p.fullName:="Jane Smith"
ALERT($p.firstName+"/"+$p.lastName)  // expect: Jane/Smith
ALERT(OB Keys($p).join(","))  // expect: kind,firstName,lastName
var $k : Text
var $keys : Text
For each ($k; $p)
	$keys+=$k+";"
End for each
ALERT($keys)  // expect: kind;firstName;lastName;
ALERT(String(Value type($p)=Is object))  // expect: True
ALERT(String(OB Is defined($p; "sayHello")))  // expect: False
// Current method name inside a function is Class.function
ALERT($p.where())  // expect: Person.where
$g:=cs.Greeter.new("Hi")
ALERT($g.greet("Ann"; 2))  // expect: Hi Ann!Hi Ann!
ALERT($g.where())  // expect: Greeter.where
// missing parameters take their default value
ALERT("<"+$g.greet("Bob")+">")  // expect: <>
// a class without constructor
$e:=cs.Empty.new()
ALERT(JSON Stringify($e))  // expect: {"tags":[],"count":0}
ALERT(String($e.add("x"))+String($e.add("y")))  // expect: 12
ALERT($e.tags.join("+"))  // expect: x+y
// each new() evaluates the initialisers again
$e2:=cs.Empty.new()
ALERT(String($e2.tags.length))  // expect: 0
// computed properties
$t:=cs.Temperature.new(100)
ALERT(String($t.fahrenheit))  // expect: 212
$t.fahrenheit:=32
ALERT(String($t.celsius))  // expect: 0
ALERT(String($t.kelvin))  // expect: 273.15
ALERT(String(Undefined($t.secret)))  // expect: True
$t.secret:="psst"
ALERT($t.hidden)  // expect: psst
ALERT(JSON Stringify($t))  // expect: {"celsius":0,"hidden":"psst"}
$t.kelvin:=5  // expect error: read-only
// instances are objects: equality is by reference
$p2:=$p
ALERT(String($p2=$p))  // expect: True
ALERT(String(cs.Person.new("a"; "b")=cs.Person.new("a"; "b")))  // expect: False
// own properties may be added freely
$p.age:=42
ALERT(String($p.age))  // expect: 42
