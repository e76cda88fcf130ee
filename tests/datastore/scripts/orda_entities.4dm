// ORDA: creating, saving, stamps, optimistic locking, drop, reload, toObject, transactions
var $e; $e2; $r : Object
$e:=ds.Department.new()
ALERT(String($e.isNew()))  // expect: True
ALERT(String($e.getStamp()))  // expect: 0
$e.name:="Legal"
$e.budget:=1000
ALERT(JSON Stringify($e.touchedAttributes()))  // expect: ["name","budget"]
$r:=$e.save()
ALERT(JSON Stringify($r))  // expect: {"success":true}
ALERT(String($e.ID))  // expect: 4
ALERT(String($e.getStamp()))  // expect: 1
ALERT(String($e.isNew()))  // expect: False
ALERT(String(ds.Department.getCount()))  // expect: 4
// no change: nothing saved
$r:=$e.save()
ALERT(String($e.getStamp()))  // expect: 1
// optimistic locking: another reference saves first
$e2:=ds.Department.get(4)
$e2.budget:=2000
$r:=$e2.save()
$e.budget:=3000
$r:=$e.save()
ALERT(JSON Stringify($r))  // expect: {"success":false,"status":2,"statusText":"Stamp has changed"}
// auto merge: different attribute
$e.reload()
$e2.location:="Nice"
$r:=$e2.save()
$e.name:="Legal dept"
$r:=$e.save(dk auto merge)
ALERT(String($r.success)+" "+String($r.autoMerged))  // expect: True True
ALERT(ds.Department.get(4).name+" "+ds.Department.get(4).location)  // expect: Legal dept Nice
// same attribute: auto merge fails
$e2.reload()
$e2.budget:=10
$r:=$e2.save()
$e.budget:=20
$r:=$e.save(dk auto merge)
ALERT(String($r.status)+" "+$r.statusText)  // expect: 6 Auto merge failed
// toObject
$o:=ds.Employee.get(2).toObject("firstName, department.name")
ALERT(JSON Stringify($o))  // expect: {"firstName":"Bruno","department":{"name":"Sales"}}
$o:=ds.Mission.all().first().toObject()
ALERT(String(Length($o.ID)))  // expect: 32
ALERT(JSON Stringify($o.employee))  // expect: {"__KEY":1}
// relation assignment
$m:=ds.Mission.new()
$m.title:="Onboarding"
$m.employee:=ds.Employee.get(4)
$m.days:=1
$r:=$m.save()
ALERT(String($m.employeeID)+" "+$m.employee.firstName)  // expect: 4 David
ALERT(String(ds.Employee.get(4).missions.length))  // expect: 1
// drop: integrity "reject" for departments with employees
$r:=ds.Department.get(3).drop()
ALERT(String($r.success)+" "+String($r.status))  // expect: False 4
ALERT(String($r.errors[0].errCode))  // expect: -9987
// drop: integrity "delete" cascades to missions
$r:=ds.Employee.get(1).drop()
ALERT(String($r.success))  // expect: True
ALERT(String(ds.Mission.getCount()))  // expect: 3
$r:=ds.Employee.get(4).drop()
$e:=ds.Employee.get(4)
ALERT(String($e=Null))  // expect: True
// duplicated unique value
$e:=ds.Employee.new()
$e.firstName:="Ivan"
$e.email:="BRUNO@acme.test"
$r:=$e.save()
ALERT(String($r.status)+" "+String($r.errors[0].errCode))  // expect: 4 -9998
// transactions
ds.startTransaction()
$e:=ds.Department.new()
$e.name:="Temp"
$r:=$e.save()
ALERT(String(ds.Department.getCount()))  // expect: 5
ds.cancelTransaction()
ALERT(String(ds.Department.getCount()))  // expect: 4
ds.startTransaction()
$e:=ds.Department.new()
$e.name:="Kept"
$r:=$e.save()
ds.startTransaction()
$e:=ds.Department.new()
$e.name:="Inner"
$r:=$e.save()
ds.cancelTransaction()
ds.validateTransaction()
ALERT(ds.Department.all().orderBy("ID").name.join(","))  // expect: Research,Sales,Support,Legal dept,Kept
// fromCollection
$sel:=ds.Department.fromCollection(New collection(New object("ID"; 1; "budget"; 1); New object("name"; "New one")))
ALERT(String($sel.length)+" "+String(ds.Department.get(1).budget)+" "+ds.Department.get(1).name)  // expect: 2 1 Research
// lock between references of the same process counts as the process's lock
$e:=ds.Department.get(2)
$r:=$e.lock()
ALERT(String($r.success))  // expect: True
$r:=$e.unlock()
ALERT(String($r.success))  // expect: True
// entity selection of a query is shareable: add() refuses
$sel:=ds.Department.all()
$sel.add(ds.Department.get(1))  // expect error: 1637
$sel2:=ds.Department.newSelection()
$sel2.add(ds.Department.get(2))
$sel2.add(ds.Department.get(1))
ALERT(JSON Stringify($sel2.ID))  // expect: [1,2]
ALERT(String($sel2.contains(ds.Department.get(2))))  // expect: True
ALERT(String(ds.Department.all().minus($sel2).length))  // expect: 4
ALERT(String(ds.Department.all().and($sel2).length))  // expect: 2
ALERT(String(ds.Department.all().slice(1; 3).length))  // expect: 2
ALERT(String(ds.Department.all()[0].name))  // expect: Research
ALERT(String(ds.Department.all()[42].name))  // expect error: out of range
$n:=0
For each ($d; ds.Department.all())
	$n:=$n+$d.budget
End for each
ALERT(String($n))  // expect: 370011.5
// fromCollection stops at a failing object; the objects before it stay saved
$before:=ds.Employee.getCount()
$c:=New collection(New object("firstName"; "P1"; "email"; "p1@x.test"); New object("firstName"; "P2"; "email"; "BRUNO@acme.test"); New object("firstName"; "P3"))
$sel:=ds.Employee.fromCollection($c)  // expect error: -9998
ALERT(String(ds.Employee.getCount()-$before))  // expect: 1
$sel:=ds.Employee.fromCollection(New collection(New object("__KEY"; 2; "lastName"; "Updated"); New object("ID"; 500; "firstName"; "New key")))
ALERT(ds.Employee.get(2).lastName+" "+ds.Employee.get(500).firstName+" "+String($sel.length))  // expect: Updated New key 2
$e:=ds.Employee.new()
$e.firstName:="After 500"
$r:=$e.save()
ALERT(String($e.ID))  // expect: 501
// the same through the many-at-a-time path (no trigger on Department)
$before:=ds.Department.getCount()
$sel:=ds.Department.fromCollection(New collection(New object("name"; "D1"); New object("name"; "D2"; "ID"; 1); New object("name"; "D3")))
ALERT(String(ds.Department.getCount()-$before)+" "+ds.Department.get(1).name)  // expect: 2 D2
$sel:=ds.Department.fromCollection(New collection(New object("name"; "E1"); New object("name"; "E2"; "ID"; 1; "__NEW"; True); New object("name"; "E3")))  // expect error: -9998
ALERT(String(ds.Department.getCount()-$before))  // expect: 3
