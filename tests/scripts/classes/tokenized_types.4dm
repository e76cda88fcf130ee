// Class stores written as 4D saves them (`cs:C1710.X`, `4D:C1709.X`) as the types of
// var, property, Function parameters and results, and #DECLARE. Source: spec/syntax.md §5.2
var $ada : cs:C1710.Person
$ada:=cs.Person.new("Ada"; "Lovelace")
var $box : cs:C1710.Mailbox:=_Make_mailbox($ada)
ALERT($box.label)  // expect: box of Ada
ALERT(String:C10(OB Instance of:C1731($box.copy(); cs:C1710.Mailbox)))  // expect: True
ALERT(String:C10($box.ownerIs($ada)))  // expect: True
$r:=$box.ownerIs(cs.Greeter.new("x"))  // expect error: 90012
$b:=_Make_mailbox({firstName: "Zed"})  // expect error: a cs.Person was expected
var $f : 4D:C1709.File
ALERT(String:C10($f=Null:C1517))  // expect: True
