// ORDA: dataclasses, entities, entity selections on the seeded company
var $es : cs.EmployeeSelection
$es:=ds.Employee.all()
ALERT(String($es.length))  // expect: 8
ALERT(String(ds.Employee.getCount()))  // expect: 8
$e:=ds.Employee.get(3)
ALERT($e.firstName+" "+$e.lastName)  // expect: Chloé Durand
ALERT(String($e.salary))  // expect: 4100.5
ALERT(String($e.birthDate))  // expect: 01/30/1986
ALERT(String($e.active))  // expect: True
ALERT($e.department.name)  // expect: Research
ALERT($e.manager.firstName)  // expect: Alice
ALERT(String($e.getStamp()))  // expect: 1
ALERT(String($e.getKey()))  // expect: 3
ALERT(String(ds.Employee.get(99)=Null))  // expect: True
ALERT(String(ds.Department.get(1).employees.length))  // expect: 3
ALERT(ds.Department.get(1).employees.orderBy("firstName").firstName.join(","))  // expect: Alice,Chloé,Gaëlle
// queries
ALERT(String(ds.Employee.query("lastName = :1"; "martin").length))  // expect: 2
ALERT(String(ds.Employee.query("lastName = 'mart@'").length))  // expect: 3
ALERT(String(ds.Employee.query("lastName === 'mart@'").length))  // expect: 0
ALERT(String(ds.Employee.query("lastName = '@e@'").length))  // expect: 5
ALERT(String(ds.Employee.query("firstName = 'chloe'").length))  // expect: 1
ALERT(String(ds.Employee.query("salary > :1 and active = true"; 3500).length))  // expect: 4
ALERT(ds.Employee.query("department.name = :1"; "Sales").orderBy("firstName").firstName.join(","))  // expect: Bruno,Emma
ALERT(ds.Employee.query("department.location = Paris order by salary desc").firstName.join(","))  // expect: Alice,Farid,Chloé,Gaëlle,David
ALERT(String(ds.Department.query("employees.salary > 5000").name))  // expect: ["Research"]
ALERT(String(ds.Employee.query("departmentID = null").length))  // expect: 1
ALERT(String(ds.Employee.query("departmentID # 1").length))  // expect: 4
ALERT(String(ds.Employee.query("not(departmentID = 1)").length))  // expect: 5
// (not() is the complement: it includes the Null departmentID that # leaves out)
ALERT(String(ds.Employee.query("firstName in :1"; New collection("alice"; "Bruno"; "zed")).length))  // expect: 2
ALERT(String(ds.Employee.query("birthDate < :1"; !1985-01-01!).length))  // expect: 3
ALERT(String(ds.Employee.query("birthDate >= '1990-01-01'").length))  // expect: 3
ALERT(String(ds.Employee.query("extra.level = 2").length))  // expect: 3
ALERT(String(ds.Employee.query("extra.skills[] = :1"; "python").length))  // expect: 2
ALERT(String(ds.Employee.query("manager.manager.firstName = 'Alice'").length))  // expect: 3
ALERT(ds.Employee.query("(firstName = :1 or firstName = :2) and salary < 4000"; "B@"; "G@").firstName.join(","))  // expect: Bruno,Gaëlle
ALERT(String(ds.Employee.query("eval(Length(This.lastName) > 6)").length))  // expect: 2
ALERT(String(ds.Employee.query(":1 = 3100"; "salary").length))  // expect: 1
ALERT(String(ds.Employee.query("salary = :1"; 4100.5000001).length))  // expect: 1
// aggregates
$es:=ds.Employee.query("departmentID = 1")
ALERT(String($es.sum("salary")))  // expect: 12800.5
ALERT(String($es.average("salary")))  // expect: 4266.833333333
ALERT(String($es.min("salary"))+" "+String($es.max("salary")))  // expect: 3500 5200
ALERT(String($es.count("extra")))  // expect: 0
ALERT(JSON Stringify(ds.Employee.all().distinct("lastName")))  // expect: ["Benali","Durand","Lefèvre","Martin","Martinez","Moreau","Petit"]
ALERT(JSON Stringify(ds.Employee.all().distinct("departmentID"; dk count values)))  // expect: [{"value":1,"count":3},{"value":2,"count":2},{"value":3,"count":2}]
ALERT(JSON Stringify(ds.Department.all().orderBy("name desc").extract("name")))  // expect: ["Support","Sales","Research"]
ALERT(String(ds.Employee.all().orderBy("lastName, firstName").first().firstName))  // expect: Farid
ALERT(String(ds.Employee.all().orderBy("department.name desc, salary asc").first().firstName))  // expect: David
