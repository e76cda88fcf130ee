// Objects (Language): OB commands (docs/commands-legacy/ob-*.md)
var $ref : Object
OB SET($ref;"FirstName";"Harry")
ALERT(OB Get($ref;"FirstName"))  // expect: Harry
OB SET($ref;"age";42)
ALERT(String(OB Get($ref;"age")))  // expect: 42
ALERT(String(OB Get($ref;"age";Is longint)))  // expect: 42
ALERT(OB Get($ref;"age";Is text))  // expect: 42
ALERT(String(OB Get($ref;"age";Is Boolean)))  // expect: True
ALERT(String(Value type(OB Get($ref;"nothing"))=Is undefined))  // expect: True
ALERT(String(OB Get($ref;"firstname")="Harry"))  // expect: False
// nested objects (example 3)
var $ref1;$ref2;$son : Object
OB SET($ref1;"LastName";"Smith")
OB SET($ref2;"son";$ref1)
ALERT(JSON Stringify($ref2))  // expect: {"son":{"LastName":"Smith"}}
$son:=OB Get($ref2;"son")
ALERT(OB Get($son;"LastName"))  // expect: Smith
ALERT(OB Get(OB Get($ref2;"son");"LastName"))  // expect: Smith
// several pairs at once
var $john : Object
OB SET($john;"name";"John";"age";35)
ALERT(JSON Stringify($john))  // expect: {"name":"John","age":35}
OB SET($john;"age";36)
ALERT(String($john.age))  // expect: 36
// times and dates
var $obj_o : Object
var $set_h : Time
$set_h:=?01:00:00?+1
OB SET($obj_o;"myHour";$set_h)
ALERT(String(OB Get($obj_o;"myHour";Is time)))  // expect: 01:00:01
// OB Get example 7: times are stored in seconds in objects (milliseconds only before v17)
ALERT(JSON Stringify($obj_o))  // expect: {"myHour":3601}
ALERT(String(OB Get($obj_o;"myHour")))  // expect: 3601
ALERT(String(Value type($obj_o.myHour)=Is real))  // expect: True
$obj_o.t:=?00:02:00?
ALERT(String($obj_o.t))  // expect: 120
OB SET($obj_o;"Birthday";!2010-01-30!)
ALERT(String(OB Get($obj_o;"Birthday")))  // expect: 01/30/2010
ALERT(String(OB Get(New object("d";"2010-01-30");"d";Is date)))  // expect: 01/30/2010
// OB SET NULL, OB REMOVE, OB Is defined, OB Is empty
OB SET NULL($john;"age")
ALERT(JSON Stringify($john))  // expect: {"name":"John","age":null}
ALERT(String(OB Get type($john;"age")=Is null))  // expect: True
OB REMOVE($john;"age")
ALERT(JSON Stringify($john))  // expect: {"name":"John"}
OB REMOVE($john;"missing")
ALERT(String(OB Is defined($john;"name")))  // expect: True
ALERT(String(OB Is defined($john;"age")))  // expect: False
ALERT(String(OB Is defined($john)))  // expect: True
var $empty : Object
ALERT(String(OB Is defined($empty)))  // expect: False
ALERT(String(OB Is empty($empty)))  // expect: True
ALERT(String(OB Is empty(New object)))  // expect: True
ALERT(String(OB Is empty($john)))  // expect: False
// OB Get type
$typed:=New object("t";"x";"n";1;"b";True;"o";New object;"c";New collection;"d";!2020-01-01!)
ALERT(String(OB Get type($typed;"t"))+" "+String(OB Get type($typed;"n"))+" "+String(OB Get type($typed;"b")))  // expect: 2 1 6
ALERT(String(OB Get type($typed;"o"))+" "+String(OB Get type($typed;"c"))+" "+String(OB Get type($typed;"d")))  // expect: 38 42 4
ALERT(String(OB Get type($typed;"zz")))  // expect: 5
// OB Keys, OB Values, OB Entries keep creation order
$k:=New object("b";1;"a";2;"C";3)
ALERT(JSON Stringify(OB Keys($k)))  // expect: ["b","a","C"]
ALERT(JSON Stringify(OB Values($k)))  // expect: [1,2,3]
ALERT(JSON Stringify(OB Entries($k)))  // expect: [{"key":"b","value":1},{"key":"a","value":2},{"key":"C","value":3}]
ALERT(JSON Stringify(OB Keys(New object)))  // expect: []
// OB Copy: a deep copy
$orig:=New object("name";"x";"sub";New object("n";1);"list";New collection(1;2))
$copy:=OB Copy($orig)
$copy.sub.n:=2
$copy.list.push(3)
ALERT(JSON Stringify($orig))  // expect: {"name":"x","sub":{"n":1},"list":[1,2]}
ALERT(JSON Stringify($copy))  // expect: {"name":"x","sub":{"n":2},"list":[1,2,3]}
ALERT(String($copy=$orig))  // expect: False
// OB Copy with ck shared, and groupWith (example 5)
$sharedObj:=New shared object("lastname";"Smith";"address";New shared object("city";"New York"))
$sharedColl:=New shared collection(New shared object("lastname";"Brown"))
$objCopy:=OB Copy($sharedObj;ck shared;$sharedColl)
Use ($sharedColl)
	$sharedColl.push($objCopy)
End use 
ALERT(String($sharedColl.length))  // expect: 2
ALERT(String(OB Is shared($objCopy)))  // expect: True
ALERT(String(OB Is shared(OB Copy($sharedObj))))  // expect: False
$sh:=OB Copy($orig;ck shared)
ALERT(String(OB Is shared($sh))+" "+String(OB Is shared($sh.sub)))  // expect: True True
$sh.name:="y"  // expect error: 
ALERT(String(ck shared))  // expect: 16
// pointers are resolved with True or ck resolve pointers
var $name : Text
$name:="Smith"
var $withPtr : Object
OB SET($withPtr;"name";->$name)
$resolved:=OB Copy($withPtr;True)
ALERT(String(Value type($resolved.name)=Is text))  // expect: True
ALERT($resolved.name)  // expect: Smith
ALERT(String(Value type(OB Copy($withPtr).name)=Is pointer))  // expect: True
ALERT(OB Copy($withPtr;ck resolve pointers).name)  // expect: Smith
// OB Class and OB Instance of with plain objects
ALERT(String(OB Class($k)=4D.Object))  // expect: True
ALERT(String(OB Class($k).name))  // expect: Object
ALERT(String(OB Instance of($k;4D.Object)))  // expect: True
ALERT(String(OB Class(Null)=Null))  // expect: True
ALERT(String(OB Instance of(Null;4D.Object)))  // expect: False
// New object: pairs, case-sensitive names, Undefined values are skipped
$p:=New object("a";1;"A";2)
ALERT(JSON Stringify($p))  // expect: {"a":1,"A":2}
ALERT(JSON Stringify(New object("u";$p.nothing)))  // expect: {}
ALERT(String(OB Is shared(New shared object)))  // expect: True
ALERT(String(OB Is shared($p)))  // expect: False
ALERT(JSON Stringify(New object("x")))  // expect error: pairs
OB SET($p;1;2)  // expect error: name
// legacy array commands: OB SET ARRAY, OB GET ARRAY, OB GET PROPERTY NAMES
ARRAY TEXT($colors;3)
$colors{1}:="red"
$colors{2}:="green"
$colors{3}:="blue"
var $palette : Object
OB SET ARRAY($palette;"colors";$colors)
ALERT(JSON Stringify($palette))  // expect: {"colors":["red","green","blue"]}
ARRAY TEXT($back;0)
OB GET ARRAY($palette;"colors";$back)
ALERT(String(Size of array($back))+" "+$back{3})  // expect: 3 blue
ARRAY TEXT($propNames;0)
ARRAY LONGINT($propTypes;0)
OB GET PROPERTY NAMES(New object("a";1;"b";"x");$propNames;$propTypes)
ALERT($propNames{1}+$propNames{2}+" "+String($propTypes{1})+" "+String($propTypes{2}))  // expect: ab 1 2
// OB Keys(4D) lists the built-in classes (spec: Objects theme)
ALERT(String(OB Keys(4D).indexOf("Function")>=0)+" "+String(OB Keys(4D).indexOf("Object")>=0))  // expect: True True
OB REMOVE(4D;"Object")  // expect error: OB REMOVE
