// relations: many-to-one (employee.department) and one-to-many (department.employees) attributes,
// queries and sorts through relations.
For each ($d; ds.Department.all().orderBy("name"))
	ALERT($d.name+" ("+$d.location+"): "+$d.employees.orderBy("lastName").fullName.join(", "))
End for each
ALERT("Bruno's manager: "+ds.Employee.get(2).manager.fullName)
ALERT("Alice's reports: "+ds.Employee.get(1).reports.firstName.join(", "))
ALERT("working in Paris: "+String(ds.Employee.query("department.location = Paris").length))
ALERT("departments paying someone over 5000: "+ds.Department.query("employees.salary > 5000").name.join(", "))
ALERT("by department then name: "+ds.Employee.query("department # null").orderBy("department.name, lastName").lastName.join(", "))
$m:=ds.Mission.new()
$m.title:="Security review"
$m.days:=4
$m.employee:=ds.Employee.get(6)
$r:=$m.save()
ALERT("missions of Farid: "+ds.Employee.get(6).missions.title.join(", "))
