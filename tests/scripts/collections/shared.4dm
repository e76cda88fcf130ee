// Shared collections: modifying functions lock implicitly; derived collections stay shared
var $s; $r; $lastnames; $sharedLastnames; $sharedColl1; $sharedColl2; $copyColl : Collection
var $so : Object

$s:=New shared collection(3; 1; 2)
$s.push(4)
ALERT(JSON Stringify($s))  // expect: [3,1,2,4]
$s.sort()
ALERT(JSON Stringify($s))  // expect: [1,2,3,4]
$s.unshift(0)
$s.insert(1; 0.5)
$s.remove(0)
ALERT(JSON Stringify($s))  // expect: [0.5,1,2,3,4]
ALERT(String($s.pop()))  // expect: 4
ALERT(String($s.shift()))  // expect: 0.5
$s.fill(7; 2)
$s.resize(4; 9)
ALERT(JSON Stringify($s))  // expect: [1,2,7,9]
$s.combine(New collection(10; 11))
ALERT(JSON Stringify($s))  // expect: [1,2,7,9,10,11]
ALERT(String($s.multiSort([[6; 5; 4; 3; 2; 1]]).length))  // expect: 6
$s.clear()
ALERT(String($s.length))  // expect: 0
$s[0]:=1  // expect error: outside Use
Use ($s)
	$s[0]:=1
End use
ALERT(JSON Stringify($s))  // expect: [1]

// only shared objects and collections can be stored
$s.push(New object("a"; 1))  // expect error: -10721
$s.push(New collection(1))  // expect error: -10721
$s.push(New shared object("a"; 1))
ALERT(JSON Stringify($s))  // expect: [1,{"a":1}]
$s[1].b:=2  // expect error: outside Use
Use ($s)
	$s[1].b:=2
End use
ALERT(JSON Stringify($s[1]))  // expect: {"a":1,"b":2}

// shallow results of a shared collection are shared
$s:=New shared collection(New shared object("n"; 2); New shared object("n"; 1))
ALERT(String(OB Is shared($s.filter(Formula($1.value.n>1)))))  // expect: True
ALERT(String(OB Is shared($s.slice(0; 1))))  // expect: True
ALERT(String(OB Is shared($s.orderBy("n"))))  // expect: True
ALERT(String(OB Is shared($s.orderByMethod(Formula($1.value.n<$1.value2.n)))))  // expect: True
ALERT(String(OB Is shared($s.query("n = 1"))))  // expect: True
ALERT(String(OB Is shared($s.reverse())))  // expect: True
ALERT(String(OB Is shared($s.map(Formula($1.value.n)))))  // expect: False
ALERT(String(OB Is shared($s.copy())))  // expect: False
ALERT(String(OB Is shared($s.concat(1))))  // expect: False
$r:=$s.orderBy("n")
ALERT(String($r[0]=$s[1]))  // expect: True
ALERT(String($r[0].n))  // expect: 1
$r.push(New shared object("n"; 3))
ALERT(String($r.length))  // expect: 3
$r[0]:=Null  // expect error: outside Use
ALERT(String(OB Is shared(New collection(1).filter(Formula(True)))))  // expect: False

// .copy(ck shared) and groupWith
$lastnames:=New collection("Smith"; "Brown")
$sharedLastnames:=$lastnames.copy(ck shared)
ALERT(String(OB Is shared($sharedLastnames)))  // expect: True
$so:=New shared object
Use ($so)
	$so.lastnames:=$sharedLastnames
End use
ALERT($so.lastnames.join(","))  // expect: Smith,Brown
Use (Storage)
	Storage.lastnames:=$lastnames.copy(ck shared)
End use
ALERT(Storage.lastnames[1])  // expect: Brown
$sharedColl1:=New shared collection(New shared object("lastname"; "Smith"))
$sharedColl2:=New shared collection(New shared object("lastname"; "Brown"))
$copyColl:=$sharedColl1.copy(ck shared; $sharedColl2)
Use ($sharedColl2)
	$sharedColl2.combine($copyColl)
End use
ALERT($sharedColl2.extract("lastname").join(","))  // expect: Brown,Smith
$copyColl:=$sharedColl1.copy(ck shared; New object)  // expect error: groupWith must be a shared object or collection
