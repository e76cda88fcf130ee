// The examples of docs/Concepts/operators.md (compound assignment, short-circuit, ternary)
$x:=2
$x+=5
ALERT(String($x))  // expect: 7
$t:="Hello"
$t+=" World"
ALERT($t)  // expect: Hello World
$d:=!2000-11-10!
$d+=10
ALERT(String($d=!2000-11-20!))  // expect: True
$x1:=10
$x1-=5
ALERT(String($x1))  // expect: 5
$d1:=!2000-11-10!
$d1-=10
ALERT(String($d1=!2000-10-31!))  // expect: True
$x3:=10
$x3/=2
ALERT(String($x3))  // expect: 5
$x2:=10
$x2*=5  // the docs' comment says 10, a typo for 10*5
ALERT(String($x2))  // expect: 50
$t2:="Hello"
$t2*=2
ALERT($t2)  // expect: HelloHello
// compound assignment on properties and elements evaluates the target once
$o:={n: 1; list: [1; 2]}
$o.n+=1
$o.list[1]*=10
ALERT(String($o.n)+" "+String($o.list[1]))  // expect: 2 20
var $v : Variant
$v:="Hello" && "World"
ALERT($v)  // expect: World
$v:=False && 0
ALERT(String($v))  // expect: False
$v:=0 && False
ALERT(String($v))  // expect: False
$v:=5 && !00-00-00!
ALERT(String($v))  // expect: 00/00/00
$v:=5 && 10 && "hello"
ALERT($v)  // expect: hello
$item:={price: 10}
$tax:=$item.taxRate && ($item.price*$item.taxRate)
ALERT(String(Undefined($tax)))  // expect: True
$item.taxRate:=0.5
$tax:=$item.taxRate && ($item.price*$item.taxRate)
ALERT(String($tax))  // expect: 5
$myObject:=Null
If (($myObject#Null) && ($myObject.value>10))
	ALERT("never")
Else
	ALERT("no error thrown")  // expect: no error thrown
End if
var $phone : Text
$emp:={}
$phone:=$emp.phone || "n/a"
ALERT($phone)  // expect: n/a
var $age : Integer
var $beverage : Text
$age:=26
$beverage:=($age>=21) ? "Beer" : "Juice"
ALERT($beverage)  // expect: Beer
$person:={lastname: "Curie"}
var $fullname : Text
$fullname:=($person.firstname && $person.lastname) ? ($person.firstname+" "+$person.lastname) : ($person.lastname || $person.firstname) || ""
ALERT($fullname)  // expect: Curie
$person.firstname:="Marie"
$fullname:=($person.firstname && $person.lastname) ? ($person.firstname+" "+$person.lastname) : ($person.lastname || $person.firstname) || ""
ALERT($fullname)  // expect: Marie Curie
$person:={}
$fullname:=($person.firstname && $person.lastname) ? ($person.firstname+" "+$person.lastname) : ($person.lastname || $person.firstname) || ""
ALERT("["+$fullname+"]")  // expect: []
