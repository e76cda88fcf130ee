// .query() and .indices() (docs/API/CollectionClass.md, query strings of DataClassClass.md)
var $c; $c2; $c3; $col; $icol; $colResult : Collection
var $o : Object

$c:=New collection
$c.push(New object("name"; "Cleveland"; "zc"; 35049))
$c.push(New object("name"; "Blountsville"; "zc"; 35031))
$c.push(New object("name"; "Adger"; "zc"; 35006))
$c.push(New object("name"; "Clanton"; "zc"; 35046))
$c.push(New object("name"; "Clanton"; "zc"; 35045))
$c2:=$c.query("name = :1"; "Cleveland")
ALERT(JSON Stringify($c2))  // expect: [{"name":"Cleveland","zc":35049}]
ALERT(String($c2[0]=$c[0]))  // expect: True
$c3:=$c.query("zc > 35040")
ALERT(JSON Stringify($c3))  // expect: [{"name":"Cleveland","zc":35049},{"name":"Clanton","zc":35046},{"name":"Clanton","zc":35045}]
$icol:=$c.indices("name = :1"; "Cleveland")
ALERT(JSON Stringify($icol))  // expect: [0]
$icol:=$c.indices("zc > 35040")
ALERT(JSON Stringify($icol))  // expect: [0,3,4]
ALERT(JSON Stringify($c.indices("name = 'Paris'")))  // expect: []
ALERT(JSON Stringify($c.query("name = Paris")))  // expect: []

// comparators
ALERT(JSON Stringify($c.indices("name == 'clanton'")))  // expect: [3,4]
ALERT(JSON Stringify($c.indices("name = 'C@'")))  // expect: [0,3,4]
ALERT(JSON Stringify($c.indices("name = C@")))  // expect: [0,3,4]
ALERT(JSON Stringify($c.indices("name === 'C@'")))  // expect: []
ALERT(JSON Stringify($c.indices("name IS 'CLANTON'")))  // expect: [3,4]
ALERT(JSON Stringify($c.indices("name # 'C@'")))  // expect: [1,2]
ALERT(JSON Stringify($c.indices("name != 'Clanton'")))  // expect: [0,1,2]
ALERT(JSON Stringify($c.indices("name !== 'C@'")))  // expect: [0,1,2,3,4]
ALERT(JSON Stringify($c.indices("name IS NOT 'Adger'")))  // expect: [0,1,3,4]
ALERT(JSON Stringify($c.indices("zc < 35031")))  // expect: [2]
ALERT(JSON Stringify($c.indices("zc <= 35031")))  // expect: [1,2]
ALERT(JSON Stringify($c.indices("zc >= 35046")))  // expect: [0,3]
ALERT(JSON Stringify($c.indices("zc = 35045.0")))  // expect: [4]
ALERT(JSON Stringify($c.indices("zc IN :1"; New collection(35006; 35045))))  // expect: [2,4]
ALERT(JSON Stringify($c.indices("name in ['Adger', 'cle@']")))  // expect: [0,2]
ALERT(JSON Stringify($c.indices("zc in [35049,35031]")))  // expect: [0,1]
ALERT(JSON Stringify($c.indices("not (name in :1)"; New collection("Clanton"; "Adger"))))  // expect: [0,1]
ALERT(JSON Stringify($c.indices("name > 'C'")))  // expect: [0,3,4]

// AND, OR, NOT, parentheses
ALERT(JSON Stringify($c.indices("name = 'Clanton' AND zc = 35045")))  // expect: [4]
ALERT(JSON Stringify($c.indices("name = 'Clanton' and zc = 35045")))  // expect: [4]
ALERT(JSON Stringify($c.indices("name = 'Clanton' & zc = 35045")))  // expect: [4]
ALERT(JSON Stringify($c.indices("name = 'Clanton' && zc = 35045")))  // expect: [4]
ALERT(JSON Stringify($c.indices("name = 'Adger' OR zc = 35045")))  // expect: [2,4]
ALERT(JSON Stringify($c.indices("name = 'Adger' | zc = 35045")))  // expect: [2,4]
ALERT(JSON Stringify($c.indices("name = 'Adger' || zc = 35045")))  // expect: [2,4]
ALERT(JSON Stringify($c.indices("not(name = Clanton)")))  // expect: [0,1,2]
ALERT(JSON Stringify($c.indices("NOT (name = 'Clanton' OR name = 'Adger')")))  // expect: [0,1]
ALERT(JSON Stringify($c.indices("(zc < 35010 OR zc > 35048) AND (name = 'A@' OR name = 'B@')")))  // expect: [2]

// placeholders
ALERT(JSON Stringify($c.indices(":1 = :2"; "name"; "Adger")))  // expect: [2]
ALERT(JSON Stringify($c.indices("name = :1 OR zc = :2"; "Adger"; 35049)))  // expect: [0,2]
$o:=New object
$o.attributes:=New object("att"; "name")
$o.parameters:=New object("name"; "Clanton")
ALERT(JSON Stringify($c.indices(":att = :name"; $o)))  // expect: [3,4]
$o.attributes:=New object("att"; New collection("zc"))
$o.parameters:=New object("v"; 35040)
ALERT(JSON Stringify($c.indices(":att < :v"; $o)))  // expect: [1,2]
$o:=New object("parameters"; New object("userId"; 35006; "extraInfo"; New object("name"; "Adger")))
ALERT(JSON Stringify($c.indices("zc = :userId and name = :extraInfo.name"; $o)))  // expect: [2]
ALERT(JSON Stringify($c.indices("name = :1 or zc = :v"; "Adger"; New object("parameters"; New object("v"; 35049)))))  // expect: [0,2]
ALERT(JSON Stringify($c.query("name = :1"; "John's Pizza")))  // expect: []

// null and missing properties, dates
$c:=New collection
$c.push(New object("name"; "Smith"; "dateHired"; !2002-05-22!; "age"; 45))
$c.push(New object("name"; "Wesson"; "dateHired"; !2017-11-30!))
$c.push(New object("name"; "Winch"; "dateHired"; !2018-05-16!; "age"; 36))
$c.push(New object("name"; "Sterling"; "dateHired"; !1999-05-10!; "age"; Null))
$c.push(New object("name"; "Mark"; "dateHired"; !2002-01-01!))
ALERT($c.query("name = :1"; "@in@").extract("name").join(","))  // expect: Winch,Sterling
ALERT($c.query("name # :1"; "W@").extract("name").join(","))  // expect: Smith,Sterling,Mark
ALERT($c.query("age=null").extract("name").join(","))  // expect: Wesson,Sterling,Mark
ALERT($c.query("age # null").extract("name").join(","))  // expect: Smith,Winch
ALERT($c.query("age > 40").extract("name").join(","))  // expect: Smith
ALERT($c.query("age < 40").extract("name").join(","))  // expect: Winch
ALERT($c.query("dateHired < :1"; !2018-01-01!).extract("name").join(","))  // expect: Smith,Wesson,Sterling,Mark
ALERT($c.query("dateHired = :1"; !2002-01-01!).extract("name").join(","))  // expect: Mark
ALERT($c.query("dateHired > :1"; "2017-12-01").extract("name").join(","))  // expect: Winch
ALERT($c.query("dateHired <= '2002-01-01'").extract("name").join(","))  // expect: Sterling,Mark

// booleans, nested paths, collections in paths
$c:=New collection
$c.push(New object("name"; "A"; "ok"; True; "address"; New object("city"; "Paris"); "children"; New collection(New object("age"; 3); New object("age"; 12))))
$c.push(New object("name"; "B"; "ok"; False; "address"; New object("city"; "Lyon"); "children"; New collection(New object("age"; 12))))
$c.push(New object("name"; "C"; "children"; New collection))
$c.push("not an object")
$c.push(Null)
ALERT($c.query("ok = true").extract("name").join(","))  // expect: A
ALERT($c.query("ok = false").extract("name").join(","))  // expect: B
ALERT($c.query("ok # true").extract("name").join(","))  // expect: B,C
ALERT($c.query("address.city = 'lyon'").extract("name").join(","))  // expect: B
ALERT($c.query("children[].age = 3").extract("name").join(","))  // expect: A
ALERT($c.query("children[].age > 10").extract("name").join(","))  // expect: A,B
ALERT($c.query("children[].age != 12").extract("name").join(","))  // expect: C
ALERT($c.query("children[a].age != 12").extract("name").join(","))  // expect: A
ALERT(String($c.query("name = 'A'").length))  // expect: 1

// object and collection references through querySettings.parameters
var $o1; $o2; $o3 : Object
$o1:={a: 1}
$o2:={a: 1}
$o3:=$o1
$col:=[{o: $o1}; {o: $o2}; {o: $o3}]
$colResult:=$col.query("o = :v"; {parameters: {v: $o3}})
ALERT(String($colResult.length))  // expect: 2
ALERT(String($colResult[0].o=$o1))  // expect: True
ALERT(String($colResult[1].o=$o1))  // expect: True
ALERT(String($col.query("o # :v"; {parameters: {v: $o3}}).length))  // expect: 1
var $k1; $k2; $k3 : Collection
$k1:=[1; 2; 3]
$k2:=[1; 2; 3]
$k3:=$k1
$col:=[{c: $k1}; {c: $k2}; {c: $k3}]
ALERT(JSON Stringify($col.indices("c = :v"; {parameters: {v: $k3}})))  // expect: [0,2]

// errors
$c:=New collection(New object("name"; "x"))
$c2:=$c.query("comp.name = 'John's pizza'")  // expect error: quote inside a quoted value
$c2:=$c.query("name ~ 'x'")  // expect error: unknown comparison operator "~"
$c2:=$c.query("name like 'x'")  // expect error: unknown comparison operator "like"
$c2:=$c.query("name = ")  // expect error: a value is expected
$c2:=$c.query("(name = 'x'")  // expect error: ')' expected
$c2:=$c.query("name = 'x' AND")  // expect error: a property path is expected
$c2:=$c.query("name = :2"; "x")  // expect error: no value given for placeholder :2
$c2:=$c.query("")  // expect error: the query is empty
$c2:=$c.query("name = 'x' order by name")  // expect error: 90060
$c2:=$c.query(5)  // expect error: A text was expected for queryString
$c2:=$c.query("name = 'x")  // expect error: unterminated quoted value
ALERT(JSON Stringify($c.query("name = 'x'")))  // expect: [{"name":"x"}]
// a time placeholder compares with times stored as seconds
$timed:=New collection(New object("n"; "a"; "t"; ?01:00:00?); New object("n"; "b"; "t"; ?00:00:30?))
ALERT($timed.query("t = :1"; ?00:00:30?)[0].n)  // expect: b
ALERT($timed.query("t > :1"; ?00:00:31?)[0].n)  // expect: a
