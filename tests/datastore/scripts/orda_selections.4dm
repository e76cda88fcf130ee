// Entity selections: navigation, projections, set operations, conversions
var $all; $es : cs.EmployeeSelection
$all:=ds.Employee.all().orderBy("ID")
ALERT(String($all.isOrdered())+" "+String(ds.Employee.all().isOrdered())+" "+String($all.isAlterable()))  // expect: True False False
$e:=$all.first()
ALERT($e.next().firstName+" "+$e.next().next().firstName+" "+String($e.previous()=Null))  // expect: Bruno Chloé True
ALERT($all.last().previous().firstName)  // expect: Gaëlle
ALERT(String($all.at(-1).ID)+" "+String($all.at(99)=Null))  // expect: 8 True
ALERT(String($all[2].indexOf())+" "+String($all[2].indexOf(ds.Employee.query("ID < 3"))))  // expect: 2 -1
ALERT(JSON Stringify($all.slice(-2).ID))  // expect: [7,8]
ALERT(JSON Stringify($all.extract("firstName"; "name"; "departmentID"; "dep").slice(0; 2)))  // expect: [{"name":"Alice","dep":1},{"name":"Bruno","dep":2}]
ALERT(JSON Stringify($all.extract("departmentID"; ck keep null).slice(6)))  // expect: [1,null]
ALERT(String($all.extract("department").length))  // expect: 7
ALERT(JSON Stringify(ds.Employee.query("ID <= 2").toCollection("firstName, department.name"; dk with primary key)))  // expect: [{"__KEY":1,"firstName":"Alice","department":{"name":"Research"}},{"__KEY":2,"firstName":"Bruno","department":{"name":"Sales"}}]
ALERT(JSON Stringify(ds.Department.query("ID = 2").toCollection("name, employees.firstName")))  // expect: [{"name":"Sales","employees":[{"firstName":"Bruno"},{"firstName":"Emma"}]}]
ALERT(JSON Stringify(ds.Employee.all().distinct("lastName"; dk diacritical).length))  // expect: 8
ALERT(JSON Stringify($all.orderByFormula(Formula(Length(This.lastName)); dk descending).slice(0; 2).lastName))  // expect: ["Martinez","Lefèvre"]
$es:=ds.Employee.query("ID < 4")
ALERT(JSON Stringify($all.selected($es)))  // expect: {"ranges":[{"start":0,"end":2}]}
$copy:=$es.copy()
ALERT(String($copy.isAlterable()))  // expect: True
$copy.add(ds.Employee.get(8))
ALERT(String($copy.length)+" "+String($es.length))  // expect: 4 3
ALERT(String($es.or(ds.Employee.get(8)).length))  // expect: 4
ALERT(String($es.minus(ds.Employee.get(1)).length))  // expect: 2
$x:=$es.and(ds.Department.all())  // expect error: different dataclasses
ALERT(JSON Stringify(ds.Employee.all().departmentID.length))  // expect: 8
ALERT(String(ds.Employee.all().department.length))  // expect: 3
ALERT(String(ds.Department.all().employees.length))  // expect: 7
// entities
$a:=ds.Employee.get(1)
$b:=$a.clone()
$b.salary:=1
ALERT(String($a.salary)+" "+String($b.salary))  // expect: 5200 1
ALERT(JSON Stringify($a.diff($b)))  // expect: [{"attributeName":"salary","value":5200,"otherValue":1}]
$n:=ds.Department.new()
$n.fromObject(New object("name"; "From object"; "budget"; "12.5"; "nope"; 1))
ALERT($n.name+" "+String($n.budget)+" "+String($n.touched()))  // expect: From object 12.5 True
ALERT(JSON Stringify($n.toObject("name")))  // expect: {"name":"From object"}
ALERT(String($n.isNew()))  // expect: True
// classic <-> ORDA
QUERY([Employee];[Employee]departmentID=2)
$fromClassic:=Create entity selection([Employee])
ALERT(JSON Stringify($fromClassic.firstName)+" "+String($fromClassic.isAlterable()))  // expect: ["Bruno","Emma"] True
USE ENTITY SELECTION(ds.Employee.query("departmentID = 3"))
ALERT(String(Records in selection([Employee])))  // expect: 2
// drop a selection
$gone:=ds.Mission.all().drop()
ALERT(String($gone.length)+" "+String(ds.Mission.getCount()))  // expect: 0 0
// shareable entity selections can go into shared objects; alterable ones and entities cannot
Use (Storage)
	Storage.departments:=ds.Department.all()
End use
ALERT(String(Storage.departments.length))  // expect: 3
$alterable:=ds.Department.newSelection()
Use (Storage)
	Storage.other:=$alterable  // expect error: -10721
End use
// all() keeps the entities it found, even when records are created or dropped afterwards
$everyone:=ds.Employee.all()
$d:=ds.Employee.new()
$d.firstName:="Later"
$r:=$d.save()
$r:=ds.Employee.get(8).drop()
ALERT(String($everyone.length)+" "+String(ds.Employee.all().length))  // expect: 8 8
ALERT(String($everyone.sum("salary"))+" "+String($everyone[7]=Null))  // expect: 27200.5 True
