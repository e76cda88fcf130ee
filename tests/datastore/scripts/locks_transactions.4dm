// Record locks between processes, triggers, sets, named selections, transactions shared by classic and ORDA
READ WRITE([Employee])
QUERY([Employee];[Employee]ID=1)
ALERT(String(Locked([Employee])))  // expect: False
$p:=New process("_lock_probe"; 0; "Prober")
_wait_ended(New collection($p))
ALERT(<>probe.join(" | "))  // expect: locked=True | by=Main | name=Alice | orda lock=3 Already locked Locked by record | orda save=3 | read only=True
UNLOAD RECORD([Employee])
$p:=New process("_lock_probe"; 0; "Prober 2")
_wait_ended(New collection($p))
ALERT(<>probe[0]+" "+<>probe[2])  // expect: locked=False name=Changed
// ORDA lock seen by classic commands
$e:=ds.Employee.get(2)
$r:=$e.lock()
ALERT(String($r.success))  // expect: True
$r:=$e.unlock()
ALERT(JSON Stringify($r))  // expect: {"success":true}
$r:=$e.unlock()
ALERT(JSON Stringify($r))  // expect: {"success":true,"wasNotLocked":true}
// triggers
QUERY([Employee];[Employee]ID=3)
[Employee]email:="CHLOE.Durand@ACME.test"
SAVE RECORD([Employee])
ALERT(ds.Employee.get(3).email)  // expect: chloe.durand@acme.test
[Employee]salary:=-5
SAVE RECORD([Employee])  // expect error: -32000
ALERT(String(ds.Employee.get(3).salary))  // expect: 4100.5
$e:=ds.Employee.get(4)
$e.email:="DAVID@X.TEST"
$r:=$e.save()
ALERT($e.email+" "+ds.Employee.get(4).email)  // expect: david@x.test david@x.test
$e.salary:=-1
$r:=$e.save()
ALERT(String($r.status)+" "+String($r.errors[0].errCode))  // expect: 4 -32000
ALERT(String(Trigger event))  // expect: 0
// sets
QUERY([Employee];[Employee]departmentID=1)
CREATE SET([Employee];"research")
QUERY([Employee];[Employee]salary>4000)
CREATE SET([Employee];"rich")
INTERSECTION("research";"rich";"both")
ALERT(String(Records in set("both")))  // expect: 1
UNION("research";"rich";"either")
ALERT(String(Records in set("either")))  // expect: 4
DIFFERENCE("research";"rich";"research only")
USE SET("research only")
ALERT([Employee]firstName)  // expect: Changed
ALERT(String(Is in set("rich")))  // expect: False
ADD TO SET([Employee];"rich")
ALERT(String(Records in set("rich")))  // expect: 3
CLEAR SET("rich")
ALERT(String(Records in set("rich")))  // expect error: does not exist
// named selections
QUERY([Employee];[Employee]active=True)
ORDER BY([Employee];[Employee]lastName;<)
COPY NAMED SELECTION([Employee];"actives")
ALL RECORDS([Employee])
USE NAMED SELECTION("actives")
ALERT(String(Records in selection([Employee]))+" "+[Employee]lastName)  // expect: 7 Petit
CLEAR NAMED SELECTION("actives")
// query destinations
SET QUERY DESTINATION(Into variable;$count)
QUERY([Employee];[Employee]salary>4000)
SET QUERY DESTINATION(Into current selection)
ALERT(String($count)+" "+String(Records in selection([Employee])))  // expect: 2 7
SET QUERY DESTINATION(Into set;"found")
QUERY([Employee];[Employee]salary>4000)
SET QUERY DESTINATION(Into current selection)
ALERT(String(Records in set("found")))  // expect: 2
// transactions: classic and ORDA share one
START TRANSACTION
ALERT(String(Transaction level)+" "+String(In transaction))  // expect: 1 True
CREATE RECORD([Department])
[Department]name:="Temporary"
SAVE RECORD([Department])
$d:=ds.Department.new()
$d.name:="Temporary too"
$r:=$d.save()
ALERT(String(ds.Department.getCount())+" "+String(Records in table([Department])))  // expect: 5 5
CANCEL TRANSACTION
ALERT(String(ds.Department.getCount())+" "+String(Transaction level))  // expect: 3 0
START TRANSACTION
ds.startTransaction()
CREATE RECORD([Department])
[Department]name:="Inner"
SAVE RECORD([Department])
ds.validateTransaction()
VALIDATE TRANSACTION
ALERT(String(OK)+" "+String(ds.Department.getCount()))  // expect: 1 4
$seq:=Sequence number([Department])
START TRANSACTION
$seq2:=Sequence number([Department])
CANCEL TRANSACTION
ALERT(String(Sequence number([Department])-$seq))  // expect: 2
