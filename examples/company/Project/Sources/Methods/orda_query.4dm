// orda_query: finding entities with ORDA query strings (ds.<Table>.query) and reading them.
// Text comparisons ignore case and accents; @ is a wildcard; :1, :2 are placeholders.
var $found : cs.EmployeeSelection
$found:=ds.Employee.query("lastName = :1"; "martin")
ALERT("lastName = martin: "+$found.firstName.join(", "))
$found:=ds.Employee.query("firstName = 'g@'")
ALERT("first names starting with g: "+$found.firstName.join(", "))
$found:=ds.Employee.query("salary >= :1 and active = true order by salary desc"; 4000)
ALERT("paid 4000 or more: "+$found.extract("lastName").join(", "))
$found:=ds.Employee.query("extra.skills[] = :1"; "python")
ALERT("knows python: "+$found.firstName.join(", "))
ALERT("average salary: "+String(ds.Employee.all().average("salary"); "#####0.00"))
ALERT("departments: "+JSON Stringify(ds.Employee.all().distinct("departmentID")))
var $e : cs.EmployeeEntity
$e:=ds.Employee.get(3)
ALERT($e.fullName+" was born on "+String($e.birthDate; ISO date)+" (stamp "+String($e.getStamp())+")")
