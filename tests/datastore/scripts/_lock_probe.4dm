// Another process looks at employee 1 while the caller holds it
QUERY([Employee];[Employee]ID=1)
<>probe:=New collection
<>probe.push("locked="+String(Locked([Employee])))
LOCKED BY([Employee];$proc;$user;$machine;$pname)
<>probe.push("by="+$pname)
[Employee]firstName:="Changed"
SAVE RECORD([Employee])
<>probe.push("name="+ds.Employee.get(1).firstName)
$e:=ds.Employee.get(1)
$r:=$e.lock()
If ($r.success)
	<>probe.push("orda lock=ok")
	$r:=$e.unlock()
Else 
	<>probe.push("orda lock="+String($r.status)+" "+$r.statusText+" "+$r.lockKindText)
End if 
$e.salary:=1
$r:=$e.save()
<>probe.push("orda save="+String($r.status))
READ ONLY([Employee])
QUERY([Employee];[Employee]ID=2)
<>probe.push("read only="+String(Locked([Employee])))
