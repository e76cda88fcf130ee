// Classic language: current selection, current record, queries, sorting, navigation
ALL RECORDS([Employee])
ALERT(String(Records in selection([Employee])))  // expect: 8
ALERT(String(Records in table([Department])))  // expect: 3
ALERT([Employee]firstName)  // expect: Alice
QUERY([Employee];[Employee]lastName="martin")
ALERT(String(Records in selection([Employee])))  // expect: 2
QUERY([Employee];[Employee]lastName="mart@";*)
QUERY([Employee];[Employee]salary>3000)
ALERT(String(Records in selection([Employee])))  // expect: 2
$name:="D"
QUERY([Employee];[Employee]lastName=$name+"@")
ALERT([Employee]lastName)  // expect: Durand
QUERY([Employee];[Employee]salary;">=";4000)
ALERT(String(Records in selection([Employee])))  // expect: 3
QUERY([Employee];[Employee]salary#3100)
ALERT(String(Records in selection([Employee])))  // expect: 7
QUERY([Employee];[Department]name="Sales")
ORDER BY([Employee];[Employee]firstName;<)
ALERT([Employee]firstName)  // expect: Emma
QUERY([Department];[Employee]salary>5000)
ALERT([Department]name)  // expect: Research
QUERY SELECTION([Employee];[Employee]firstName="B@")
ALERT(String(Records in selection([Employee])))  // expect: 1
ALL RECORDS([Employee])
QUERY SELECTION([Employee];[Employee]active=False)
ALERT([Employee]firstName)  // expect: David
// navigation
ALL RECORDS([Employee])
ORDER BY([Employee];[Employee]salary;>)
$list:=""
While (Not(End selection([Employee])))
	$list:=$list+[Employee]firstName+" "
	NEXT RECORD([Employee])
End while
ALERT(Substring($list;1;Length($list)-1))  // expect: David Hugo Bruno Gaëlle Emma Chloé Farid Alice
ALERT(String(Record number([Employee])))  // expect: -1
LAST RECORD([Employee])
ALERT([Employee]firstName+" "+String(Selected record number([Employee])))  // expect: Alice 8
GOTO SELECTED RECORD([Employee];2)
ALERT([Employee]firstName)  // expect: Hugo
PREVIOUS RECORD([Employee])
PREVIOUS RECORD([Employee])
ALERT(String(Before selection([Employee])))  // expect: True
ORDER BY([Employee];[Department]name;<;[Employee]lastName;>)
ALERT([Employee]firstName)  // expect: Farid
REDUCE SELECTION([Employee];3)
ALERT(String(Records in selection([Employee])))  // expect: 3
GOTO RECORD([Employee];0)
ALERT([Employee]firstName+" "+String(Record number([Employee])))  // expect: Alice 0
GOTO RECORD([Employee];99)  // expect error: -10503
ALERT(String(Records in selection([Employee])))  // expect: 0
// creating, modifying, deleting
CREATE RECORD([Department])
ALERT(String(Record number([Department]))+" "+String(Is new record([Department])))  // expect: -3 True
[Department]name:="Legal"
[Department]budget:=1000
SAVE RECORD([Department])
ALERT(String([Department]ID)+" "+String(Record number([Department])))  // expect: 4 3
ALERT(String(Records in selection([Department])))  // expect: 1
QUERY([Department];[Department]name="Legal")
[Department]budget:=[Department]budget*2
ALERT(String(Old([Department]budget))+" "+String(Modified record([Department])))  // expect: 1000 True
SAVE RECORD([Department])
ALERT(String(ds.Department.get(4).budget)+" "+String(ds.Department.get(4).getStamp()))  // expect: 2000 2
DELETE RECORD([Department])
ALERT(String(Records in table([Department])))  // expect: 3
ALL RECORDS([Mission])
DELETE SELECTION([Mission])
ALERT(String(Records in table([Mission])))  // expect: 0
// arrays
ALL RECORDS([Employee])
ORDER BY([Employee];[Employee]ID)
SELECTION TO ARRAY([Employee]firstName;$names;[Employee]salary;$salaries;[Department]name;$deps)
ALERT(String(Size of array($names))+" "+$names{3}+" "+String($salaries{3})+" "+$deps{3}+"|"+$deps{8}+"|")  // expect: 8 Chloé 4100.5 Research||
SELECTION TO ARRAY([Employee];$recs)
ALERT(String($recs{1})+" "+String(Type($recs)))  // expect: 0 16
ARRAY TEXT($new;2)
$new{1}:="Audit 2"
$new{2}:="Survey"
ARRAY LONGINT($days;2)
$days{1}:=3
$days{2}:=4
REDUCE SELECTION([Mission];0)
ARRAY TO SELECTION($new;[Mission]title;$days;[Mission]days)
ALERT(String(Records in table([Mission]))+" "+String(ds.Mission.all().sum("days")))  // expect: 2 7
// statistics
ALL RECORDS([Employee])
ALERT(String(Sum([Employee]salary))+" "+String(Max([Employee]salary))+" "+String(Min([Employee]salary)))  // expect: 30150.5 5200 2800
// structure access
ALERT(Table name(2)+" "+Field name(2;3)+" "+Table name(->[Employee]salary)+" "+Field name(->[Employee]salary))  // expect: Employee lastName Employee salary
$p:=Field(2;2)
ALERT(String(Table($p))+" "+String(Field($p)))  // expect: 2 2
ALL RECORDS([Employee])
ALERT($p->)  // expect: Alice
$t:=Table(1)
ALL RECORDS($t->)
ALERT(String(Records in selection($t->)))  // expect: 3
$p->:="Alicia"
SAVE RECORD([Employee])
ALERT(ds.Employee.get(1).firstName)  // expect: Alicia
ALERT(String(Sequence number([Journal])))  // expect: 1
ALERT(String(Sequence number([Journal])))  // expect: 2
// default table
DEFAULT TABLE([Department])
ALL RECORDS
ALERT(String(Records in selection))  // expect: 3
