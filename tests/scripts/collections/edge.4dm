// Edge cases: empty collections, Null elements, mixed types, dates, method-name callbacks
var $c; $e : Collection
$e:=New collection

// empty collections
ALERT(JSON Stringify($e.query("a = 1")))  // expect: []
ALERT(JSON Stringify($e.indices("a = 1")))  // expect: []
ALERT(JSON Stringify($e.orderBy("a")))  // expect: []
ALERT(JSON Stringify($e.orderBy(ck descending)))  // expect: []
ALERT(JSON Stringify($e.filter(Formula(True))))  // expect: []
ALERT(JSON Stringify($e.flat()))  // expect: []
ALERT(JSON Stringify($e.reverse()))  // expect: []
ALERT(JSON Stringify($e.copy()))  // expect: []
ALERT(JSON Stringify($e.extract("a")))  // expect: []
ALERT(String($e.some(Formula(True))))  // expect: False
ALERT(String($e.findIndex(Formula(True))))  // expect: -1
ALERT(String($e.indexOf(1)))  // expect: -1
ALERT(String($e.includes(Null)))  // expect: False
ALERT(String($e.countValues(1)))  // expect: 0
ALERT($e.join(","))  // expect:
ALERT(JSON Stringify($e.fill(1)))  // expect: []
ALERT(JSON Stringify($e.slice(0)))  // expect: []
ALERT(JSON Stringify($e.multiSort([$e.copy()])))  // expect: []

// Null elements and mixed types
$c:=New collection(Null; 1; "1"; True; Null)
ALERT(String($c.indexOf(Null)))  // expect: 0
ALERT(String($c.lastIndexOf(Null)))  // expect: 4
ALERT(String($c.indexOf(1)))  // expect: 1
ALERT(String($c.indexOf("1")))  // expect: 2
ALERT(String($c.indexOf(True)))  // expect: 3
ALERT(String($c.countValues(Null)))  // expect: 2
ALERT(String($c.count()))  // expect: 3
ALERT($c.join("|"))  // expect: null|1|1|True|null
ALERT(JSON Stringify($c.map(Formula(Value type($1.value)))))  // expect: [255,1,2,6,255]

// dates
$c:=New collection(!2021-06-01!; !2020-01-15!; !2021-06-01!)
ALERT(String($c.indexOf(!2020-01-15!)))  // expect: 1
ALERT(String($c.countValues(!2021-06-01!)))  // expect: 2
ALERT(String($c.distinct().length))  // expect: 2
ALERT(String($c.min()=!2020-01-15!))  // expect: True
ALERT(String($c.max()=!2021-06-01!))  // expect: True

// method names as callbacks
$c:=New collection("bravo"; "Alpha"; "alpha"; "Bravo")
$c.sort("_sortCollection"; sk char codes)
ALERT(JSON Stringify($c))  // expect: ["Alpha","Bravo","alpha","bravo"]
ALERT(String(New collection(-1; -2; 3).find("_isPositive")))  // expect: 3
ALERT(String(New collection(-1; -2; 3).findIndex("_isPositive")))  // expect: 2
ALERT(JSON Stringify(New collection(-1; 2).map("_isPositive")))  // expect: [false,true]

// nested property paths
$c:=New collection(New object("a"; New object("b"; 3)); New object("a"; New object("b"; 1)); New object("a"; 5))
ALERT(JSON Stringify($c.extract("a.b")))  // expect: [3,1]
ALERT(String($c.max("a.b")))  // expect: 3
ALERT(String($c.min("a.b")))  // expect: 1
ALERT(String($c.count("a.b")))  // expect: 2
ALERT(JSON Stringify($c.orderBy("a.b").extract("a.b"; ck keep null)))  // expect: [null,1,3]
ALERT(JSON Stringify($c.indices("a.b >= 1")))  // expect: [0,1]

// too many parameters
$c:=New collection(1; 2)
$e:=$c.reverse(1)  // expect error: .reverse() accepts at most 0 parameter(s)
ALERT(String($c.at(0; 1)))  // expect error: .at() accepts at most 1 parameter(s)
ALERT(String($c.pop()))  // expect: 2
