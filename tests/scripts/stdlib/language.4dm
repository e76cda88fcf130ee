// Boolean, type inspection and language commands
ALERT(String(True)+" "+String(False))  // expect: True False
ALERT(String(Not(True)))  // expect: False
ALERT(String(Bool(5)))  // expect: True
ALERT(String(Bool(0)))  // expect: False
ALERT(String(Bool("yes")))  // expect: False
ALERT(String(Bool(Null)))  // expect: False
var $o : Object
$o:=New object("married";True)
ALERT(String(Bool($o.married)))  // expect: True
ALERT(String(Bool($o.missing)))  // expect: False
ALERT(Choose(Bool($o.missing);"Married";"Single"))  // expect: Single
// Choose (docs/commands-legacy/choose.md)
ALERT(Choose(True;"Mr";"Ms"))  // expect: Mr
ALERT(Choose(False;"Mr";"Ms"))  // expect: Ms
ALERT(Choose(1;"Single";"Married";"Widowed";"Divorced"))  // expect: Married
ALERT(Choose(0;"Single";"Married"))  // expect: Single
ALERT("["+Choose(7;"Single";"Married")+"]")  // expect: []
ALERT(String(Choose(5;1;2)))  // expect: 0
ALERT(String(Choose(2;10;20;30)))  // expect: 30
ALERT(Choose(True;"red1";"blue"+2))  // expect error: 
// Null and Undefined
ALERT(String(Value type(Null)))  // expect: 255
ALERT(String(Undefined($o.missing)))  // expect: True
ALERT(String(Undefined($o.married)))  // expect: False
$o.n:=Null
ALERT(String(Undefined($o.n)))  // expect: False
ALERT(String(Value type($o.n)=Is null))  // expect: True
// Value type (docs/commands-legacy/value-type.md)
ALERT(String(Value type("a")=Is text))  // expect: True
ALERT(String(Value type(42)=Is real))  // expect: True
ALERT(String(Value type(New object("v";42).v)=Is real))  // expect: True
ALERT(String(Value type(!2020-01-01!)=Is date))  // expect: True
ALERT(String(Value type(?01:00:00?)=Is time))  // expect: True
ALERT(String(Value type(True)=Is Boolean))  // expect: True
ALERT(String(Value type(New collection)=Is collection))  // expect: True
ALERT(String(Value type($o)=Is object))  // expect: True
ALERT(String(Value type($o.zz)=Is undefined))  // expect: True
var $i : Integer
$i:=3
ALERT(String(Value type($i)))  // expect: 1
ALERT(String((Value type($i)=Is longint) | (Value type($i)=Is real)))  // expect: True
// Type: declared type of a variable
var $t : Text
var $r : Real
var $d : Date
var $h : Time
var $b : Boolean
var $c : Collection
var $v : Variant
ALERT(String(Type($t))+" "+String(Type($r))+" "+String(Type($i))+" "+String(Type($d)))  // expect: 2 1 9 4
ALERT(String(Type($h))+" "+String(Type($b))+" "+String(Type($o))+" "+String(Type($c))+" "+String(Type($v)))  // expect: 11 6 38 42 12
// type constants, plain and tokenized
ALERT(String(Is text:K8:3)+" "+String(Is real:K8:4)+" "+String(Is longint:K8:6)+" "+String(Is date:K8:7))  // expect: 2 1 9 4
ALERT(String(Is time:K8:8)+" "+String(Is boolean:K8:9)+" "+String(Is object:K8:27)+" "+String(Is collection:K8:32))  // expect: 11 6 38 42
ALERT(String(Is null:K8:31)+" "+String(Is undefined:K8:13)+" "+String(Is variant:K8:33)+" "+String(Is pointer:K8:14))  // expect: 255 5 12 23
// Command name (docs/commands-legacy/command-name.md)
ALERT(Command name(1))  // expect: Sum
ALERT(Command name(2))  // expect: Average
ALERT(Command name(16))  // expect: Length
$name:=Command name(1554;$info;$theme)
ALERT($name+" "+String($info ?? 0)+" "+$theme)  // expect: Split string True String
ALERT("["+Command name(99999)+"]"+String(OK))  // expect: []0
ALERT(Command name(15)+String(OK))  // expect: Position1
// EXECUTE FORMULA
EXECUTE FORMULA("ALERT(\"computed \"+String(6*7))")  // expect: computed 42
EXECUTE FORMULA("vResult:=Length(\"abc\")")
ALERT(String(vResult))  // expect: 3
EXECUTE FORMULA("ALERT(String(Abs:C99(-5)))")  // expect: 5
EXECUTE FORMULA("")
EXECUTE FORMULA("ALERT(")  // expect error: 
// CLEAR VARIABLE resets to the default value
$t:="abc"
CLEAR VARIABLE($t)
ALERT("["+$t+"]")  // expect: []
$i:=12
CLEAR VARIABLE($i)
ALERT(String($i))  // expect: 0
// environment
ALERT(String(Is compiled mode))  // expect: False
ALERT(Application version)  // expect: 2100
ALERT(Substring(Application version(*);1;1))  // expect: F
ALERT(String(Length(Application version(*))))  // expect: 8
ALERT(String(Application type))  // expect: 0
ALERT(String(Is macOS & Is Windows))  // expect: False
IDLE
ALERT(String(Count parameters))  // expect: 0
ALERT(Current method name)  // expect: language
$r:=Get database parameter(User param value;$param)
ALERT("["+$param+"]")  // expect: []
ALERT(String(Get database parameter(1)))  // expect error: not supported
// Call chain (old name Get call chain): the current method first
$chain:=Call chain
ALERT(String($chain.length)+" "+$chain[0].type+" "+$chain[0].name)  // expect: 1 projectMethod language
ALERT(String(Get call chain:C1662[0].line>0))  // expect: True
ALERT(String(User param value:K37:94))  // expect: 108
// EXECUTE METHOD: by name, with a result variable and parameters
EXECUTE METHOD("_stdlib_double";$doubled;21)
ALERT(String($doubled))  // expect: 42
EXECUTE METHOD("_stdlib_double";*;1)
EXECUTE METHOD("_no_such_method")  // expect error: 
ALERT(String(Value type(Current machine)=Is text)+" "+String(Value type(Current system user)=Is text))  // expect: True True
