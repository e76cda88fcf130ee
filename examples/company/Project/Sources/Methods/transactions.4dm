// transactions: START/VALIDATE/CANCEL TRANSACTION and ds.startTransaction() are one transaction stack.
START TRANSACTION
CREATE RECORD([Department])
[Department]name:="Marketing"
SAVE RECORD([Department])
$d:=ds.Department.new()
$d.name:="Legal"
$r:=$d.save()
ALERT("inside: "+String(ds.Department.getCount())+" departments, level "+String(Transaction level))
CANCEL TRANSACTION
ALERT("after cancel: "+String(ds.Department.getCount())+" departments")
ds.startTransaction()
$d:=ds.Department.new()
$d.name:="Legal"
$r:=$d.save()
ds.validateTransaction()
ALERT("after validate: "+ds.Department.all().orderBy("ID").name.join(", "))
// the integrity rule of the relation: a department with employees cannot be dropped
$r:=ds.Department.get(1).drop()
ALERT("drop Research: "+String($r.success)+" (error "+String($r.errors[0].errCode)+")")
// a trigger refuses a negative salary; the save reports the trigger's code
$e:=ds.Employee.get(2)
$e.salary:=-1
$r:=$e.save()
ALERT("negative salary: "+String($r.success)+" (error "+String($r.errors[0].errCode)+")")
// optimistic locking: two references to the same entity
$a:=ds.Employee.get(5)
$b:=ds.Employee.get(5)
$a.salary:=4000
$r:=$a.save()
$b.salary:=4100
$r:=$b.save()
ALERT("second save: "+$r.statusText)
$r:=$b.save(dk auto merge)
ALERT("with auto merge: "+String($r.status)+" "+$r.statusText)
