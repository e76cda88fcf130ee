// The examples of docs/Concepts/dt_null_undefined.md
var $o : Object
var $val : Integer
$val:=10
$val:=$o.a
ALERT(String($val))  // expect: 0
$o:=New object("a"; 2)
$o.a:=$o.b
ALERT(String($o.a))  // expect: 0
ALERT(_Text_param($o.missing))  // expect: []
var $vEmp : Object
var $result : Boolean
$vEmp:=New object
$vEmp.name:="Smith"
$vEmp.children:=Null
ALERT(String(Undefined($vEmp.name)))  // expect: False
ALERT(String($vEmp.name=Null))  // expect: False
ALERT(String(Undefined($vEmp.children)))  // expect: False
ALERT(String($vEmp.children=Null))  // expect: True
ALERT(String(Undefined($vEmp.parent)))  // expect: True
ALERT(String($vEmp.parent=Null))  // expect: True
var $vObj : Object
var $vVar : Variant
$vObj:=New object
$vObj.null:=Null
ALERT(String($vObj.undefined=42))  // expect: False
ALERT(String($vObj.undefined=$vObj.null))  // expect: True
ALERT(String($vObj.undefined=$vVar))  // expect: True
ALERT(String($vObj.undefined#$vObj.null))  // expect: False
ALERT(String($vObj.undefined#42))  // expect: True
ALERT(String($vObj.undefined#$vVar))  // expect: False
ALERT(String($vObj.undefined>"hello"))  // expect: False
$result:=($vObj.undefined>$vVar)  // expect error: 90010
$result:=($vObj.undefined>$vObj.null)  // expect error: 90010
ALERT(String($vVar<42))  // expect: False
// Null operators table
ALERT(String($vObj.null#$vObj.null))  // expect: False
ALERT(String($vObj.null#42))  // expect: True
// "scalar" variables are neither null nor undefined when declared
var $object : Object
var $text : Text
ALERT(String($object=Null)+" "+String($text=Null))  // expect: True False
// the cast commands return an empty value of their type for undefined
ALERT("["+Lowercase(String($o.x.y))+"]")  // expect: []
