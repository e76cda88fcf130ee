// Query-string grammar (DataClassClass.md, query()): keyword and symbol operators, named
// placeholders, relation instances, keyword search, linked [letter] criteria, formulas
ALERT(String(ds.Employee.query("lastName IS 'martin'").length))  // expect: 2
ALERT(String(ds.Employee.query("lastName IS NOT 'martin'").length))  // expect: 6
ALERT(String(ds.Employee.query("firstName != 'alice'").length))  // expect: 7
ALERT(String(ds.Employee.query("firstName = 'a@' | firstName = 'b@'").length))  // expect: 2
ALERT(String(ds.Employee.query("salary > 4000 & active = true").length))  // expect: 3
ALERT(String(ds.Employee.query("salary > 4000 && active = true || firstName = 'hugo'").length))  // expect: 4
ALERT(String(ds.Employee.query("firstName in ['alice', 'hugo', 'x@']").length))  // expect: 2
ALERT(String(ds.Employee.query("not(salary < 3000) and not(firstName = 'a@')").length))  // expect: 5
ALERT(ds.Employee.query("managerID = :1 order by firstName desc"; 1).firstName.join(","))  // expect: Farid,Chloé,Bruno
var $s : Object
$s:=New object("parameters"; New object("name"; "martin"; "min"; 4000); "attributes"; New object("attr"; "salary"))
ALERT(String(ds.Employee.query("lastName = :name and :attr > :min"; $s).length))  // expect: 1
ALERT(String(ds.Employee.query("missions.title = 'Audit' and missions{2}.title = 'Migration'").length))  // expect: 1
ALERT(String(ds.Employee.query("lastName % 'martin'").length))  // expect: 2
// formulas: eval() compares with `=`, $1 is querySettings.args
ALERT(String(ds.Employee.query(Formula(This.salary > 4500)).length))  // expect: 2
ALERT(String(ds.Employee.query("salary > :1 and eval(This.firstName[[1]] = $1)"; 3000; New object("args"; "C")).length))  // expect: 1
Try
	$es:=ds.Employee.query("eval(This.salary > 1)"; New object("allowFormulas"; False))
Catch
	ALERT(String(Last errors[0].errCode))  // expect: 1278
End try
var $f : Object
Try
	$es:=ds.Employee.query($f)
Catch
	ALERT(String(Last errors[0].errCode))  // expect: 1626
End try
// [] : any element; [a] : the criteria with the same letter hold for one same element
$e:=ds.Employee.get(8)
$e.extra:=New object("hobbies"; New collection(New object("name"; "chess"; "level"; 3); New object("name"; "golf"; "level"; 1)))
$e.save()
$e:=ds.Employee.get(7)
$e.extra:=New object("hobbies"; New collection(New object("name"; "chess"; "level"; 1); New object("name"; "golf"; "level"; 3)))
$e.save()
ALERT(String(ds.Employee.query("extra.hobbies[].name = 'chess' and extra.hobbies[].level = 3").length))  // expect: 2
ALERT(ds.Employee.query("extra.hobbies[a].name = 'chess' and extra.hobbies[a].level = 3").firstName.join(","))  // expect: Hugo
ALERT(ds.Employee.query("extra.hobbies[a].name = :1 and salary > 3000 and extra.hobbies[a].level = :2"; "golf"; 3).firstName.join(","))  // expect: Gaëlle
ALERT(String(ds.Employee.query("extra.skills[a] = 'python' and extra.skills[a] = '4d'").length))  // expect: 0
ALERT(ds.Employee.query("extra.skills[a] = 'python' and extra.skills[b] = '4d'").firstName.join(","))  // expect: Alice
