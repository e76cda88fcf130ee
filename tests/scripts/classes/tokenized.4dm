// Tokenized code as 4D saves it: commands that compile specially, by number
$f:=Formula:C1597(1+2)
ALERT(String:C10($f.call()))  // expect: 3
$g:=Formula from string:C1601("$1*10")
ALERT(String:C10($g.call(Null:C1517; 4)))  // expect: 40
$p:=cs:C1710.Person.new("Ada"; "Lovelace")
ALERT($p.sayHello())  // expect: Hello Ada Lovelace
ALERT(String:C10(OB Instance of:C1731($p; cs:C1710.Person)))  // expect: True
ALERT(OB Class:C1730($p).name)  // expect: Person
$st:=cs:C1710.Student.new("Ann"; "Bell"; "MIT")
ALERT($st.sayHello())  // expect: Hello Ann Bell (student) from MIT
ALERT(OB Class:C1730($st).superclass.name)  // expect: Person
ALERT(String:C10(4D:C1709.Function=OB Class:C1730($f)))  // expect: True
ALERT(String:C10(Value type:C1509($f)=Is object:K8:27))  // expect: True
