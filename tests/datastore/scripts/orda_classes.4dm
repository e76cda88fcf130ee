// ORDA classes of the project: cs.DataStore, cs.Employee, cs.EmployeeEntity, cs.EmployeeSelection
ALERT(ds.companyName())  // expect: Acme
ALERT(ds.departmentNames().join(","))  // expect: Research,Sales,Support
$e:=ds.Employee.get(2)
ALERT($e.fullName)  // expect: Bruno Petit
ALERT(String($e.yearlySalary()))  // expect: 37200
ALERT(String($e.isSenior()))  // expect: False
ALERT($e.departmentName)  // expect: Sales
ALERT(OB Class($e).name)  // expect: EmployeeEntity
$e.fullName:="Bruno Grand"
ALERT($e.lastName+" "+JSON Stringify($e.touchedAttributes()))  // expect: Grand ["firstName","lastName"]
ALERT(String(ds.Employee.inDepartment("Research").length))  // expect: 3
ALERT(String(ds.Employee.inDepartment("Research").payroll()))  // expect: 12800.5
ALERT(OB Class(ds.Employee.all()).name)  // expect: EmployeeSelection
ALERT(ds.Employee.query("fullName = :1"; "Emma Martin").first().email)  // expect: emma@acme.test
ALERT(String(ds.Employee.query("fullName = :1"; "martin").length))  // expect: 2
ALERT(ds.Employee.query("departmentName = 'sup@'").orderBy("firstName").firstName.join(","))  // expect: David,Farid
ALERT(ds.Employee.query("departmentID = 1").orderBy("fullName desc").firstName.join(","))  // expect: Gaëlle,Chloé,Alice
ALERT(ds.Employee.all().orderBy("departmentName, salary desc").firstName.join(","))  // expect: Hugo,Alice,Chloé,Gaëlle,Emma,Bruno,Farid,David
ALERT(String(ds.Employee.query("fullName = :1"; "@a@").length))  // expect: 7
ALERT(JSON Stringify(ds.Employee.get(1).toObject("fullName, departmentName")))  // expect: {"fullName":"Alice Martin","departmentName":"Research"}
ALERT(ds.Employee.lastName.kind+" "+ds.Employee.fullName.kind+" "+ds.Employee.departmentName.kind)  // expect: storage calculated alias
