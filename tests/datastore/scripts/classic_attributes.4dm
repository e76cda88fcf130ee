// QUERY BY ATTRIBUTE and QUERY SELECTION BY ATTRIBUTE (the rules and examples of their 4D documentation)
// on the Object field [Employee]extra of the company example
ALL RECORDS([Employee])
QUERY BY ATTRIBUTE([Employee]; [Employee]extra; "level"; =; 2)
ALERT(String(Records in selection([Employee])))  // expect: 3
QUERY BY ATTRIBUTE([Employee]; [Employee]extra; "level"; "#"; 2)
ALERT(String(Records in selection([Employee])))  // expect: 2
QUERY BY ATTRIBUTE([Employee]; [Employee]extra; "skills[]"; =; "python")
ALERT(String(Records in selection([Employee])))  // expect: 2
QUERY BY ATTRIBUTE([Employee]; [Employee]extra; "skills[]"; #; "python")
ORDER BY([Employee]; [Employee]ID; >)
ALERT(String(Records in selection([Employee]))+" "+[Employee]firstName)  // expect: 2 Bruno
var $undefined : Object
$undefined:=New object
QUERY BY ATTRIBUTE([Employee]; [Employee]extra; "skills"; =; $undefined)
ALERT(String(Records in selection([Employee])))  // expect: 4
QUERY BY ATTRIBUTE([Employee]; [Employee]extra; "skills"; #; $undefined)
ALERT(String(Records in selection([Employee])))  // expect: 4
QUERY BY ATTRIBUTE([Employee]; [Employee]extra; "level"; >=; 2; *)
QUERY BY ATTRIBUTE([Employee]; |; [Employee]extra; "skills[]"; =; "sales"; *)
QUERY([Employee]; &; [Employee]active=True)
ALERT(String(Records in selection([Employee])))  // expect: 5
QUERY BY ATTRIBUTE([Department]; [Employee]extra; "level"; =; 3)
ALERT(String(Records in selection([Department]))+" "+[Department]name)  // expect: 1 Research
$e:=ds.Employee.get(8)
$e.extra:=New object("hobbies"; New collection(New object("name"; "chess"; "level"; 3); New object("name"; "golf"; "level"; 1)))
$e.save()
$e:=ds.Employee.get(7)
$e.extra:=New object("hobbies"; New collection(New object("name"; "chess"; "level"; 1); New object("name"; "golf"; "level"; 3)))
$e.save()
QUERY BY ATTRIBUTE([Employee]; [Employee]extra; "hobbies[].name"; =; "chess"; *)
QUERY BY ATTRIBUTE([Employee]; [Employee]extra; "hobbies[].level"; =; 3)
ALERT(String(Records in selection([Employee])))  // expect: 2
QUERY BY ATTRIBUTE([Employee]; [Employee]extra; "hobbies[a].name"; =; "chess"; *)
QUERY BY ATTRIBUTE([Employee]; [Employee]extra; "hobbies[a].level"; =; 3)
ALERT(String(Records in selection([Employee]))+" "+[Employee]firstName)  // expect: 1 Hugo
ALL RECORDS([Employee])
QUERY SELECTION BY ATTRIBUTE([Employee]; [Employee]extra; "level"; <; 2)
ALERT(String(Records in selection([Employee]))+" "+[Employee]firstName)  // expect: 1 Bruno
