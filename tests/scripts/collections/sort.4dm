// sort, orderBy, orderByMethod, multiSort, reverse (docs/API/CollectionClass.md examples)
var $col; $col2; $col3; $c; $c2; $c3; $crit; $fruits; $strings1; $strings2 : Collection

// .sort()
$col:=New collection("Tom"; 5; "Mary"; 3; "Henry"; 1; "Jane"; 4; "Artie"; 6; "Chip"; 2)
$col2:=$col.sort()
ALERT(JSON Stringify($col2))  // expect: ["Artie","Chip","Henry","Jane","Mary","Tom",1,2,3,4,5,6]
ALERT(JSON Stringify($col))  // expect: ["Artie","Chip","Henry","Jane","Mary","Tom",1,2,3,4,5,6]
ALERT(String($col2=$col))  // expect: True
$col:=New collection(10; 20)
ALERT(JSON Stringify($col.push(5; 3; 1; 4; 6; 2).sort()))  // expect: [1,2,3,4,5,6,10,20]
$col:=New collection(33; 4; 66; 1111; 222)
ALERT(JSON Stringify($col.sort()))  // expect: [4,33,66,222,1111]
ALERT(JSON Stringify($col.sort(Formula(String($1.value)<String($1.value2)))))  // expect: [1111,222,33,4,66]
ALERT(JSON Stringify($col.sort(Formula($1.value>$1.value2))))  // expect: [1111,222,66,33,4]
// type order: null, booleans, strings, numbers, objects, collections, dates
$col:=New collection(!2020-01-01!; New collection(1); 2; New object("a"; 1); "b"; True; Null; False; "A"; 1)
$col.sort()
ALERT(JSON Stringify($col))  // expect: [null,false,true,"A","b",1,2,{"a":1},[1],"2020-01-01"]
$col:=New collection(New object("n"; 2); New object("n"; 1))
ALERT(JSON Stringify($col.sort()))  // expect: [{"n":2},{"n":1}]
ALERT(JSON Stringify($col.sort(Formula($1.value.n<$1.value2.n))))  // expect: [{"n":1},{"n":2}]
ALERT(JSON Stringify(New collection.sort()))  // expect: []
ALERT(JSON Stringify(New collection(!2021-03-01!; !2020-12-31!).sort()))  // expect: ["2020-12-31","2021-03-01"]

// .orderBy(): scalars
$c:=New collection(3; 1; 2)
ALERT(JSON Stringify($c.orderBy()))  // expect: [1,2,3]
ALERT(JSON Stringify($c.orderBy(ck ascending)))  // expect: [1,2,3]
ALERT(JSON Stringify($c.orderBy(ck descending)))  // expect: [3,2,1]
ALERT(JSON Stringify($c))  // expect: [3,1,2]
$c:=New collection
$c.push("33"; "4"; "1111"; "222")
ALERT(JSON Stringify($c.orderBy()))  // expect: ["1111","222","33","4"]
ALERT(JSON Stringify($c.orderByMethod(Formula(Num($1.value)<Num($1.value2)))))  // expect: ["4","33","222","1111"]

// .orderBy(): objects, text criteria
$c:=New collection
$c.push(New object("id"; 1; "value"; 20))
$c.push(New object("id"; 2; "value"; 10))
$c.push(New object("id"; 3; "value"; 20))
$c.push(New object("id"; 4; "value"; 5))
ALERT($c.orderBy("value desc").extract("id").join(","))  // expect: 1,3,2,4
ALERT($c.orderBy("value desc, id").extract("id").join(","))  // expect: 1,3,2,4
ALERT($c.orderBy("value desc, id desc").extract("id").join(","))  // expect: 3,1,2,4
ALERT($c.orderBy("value asc, id desc").extract("id").join(","))  // expect: 4,2,3,1
ALERT($c.orderBy("value").extract("id").join(","))  // expect: 4,2,1,3
ALERT(String($c.orderBy("value")[0]=$c[3]))  // expect: True
$c:=New collection
$c.push(New object("name"; "Cleveland"; "phones"; New object("p1"; "01"; "p2"; "02")))
$c.push(New object("name"; "Blountsville"; "phones"; New object("p1"; "00"; "p2"; "03")))
ALERT($c.orderBy("phones.p1 asc").extract("name").join(","))  // expect: Blountsville,Cleveland
// .orderBy(): collection of criteria objects
$crit:=New collection(New object("propertyPath"; "phones.p2"; "descending"; True))
ALERT($c.orderBy($crit).extract("name").join(","))  // expect: Blountsville,Cleveland
$crit:=New collection(New object("propertyPath"; "name"))
ALERT($c.orderBy($crit).extract("name").join(","))  // expect: Blountsville,Cleveland
// missing properties come first (as null)
$c:=New collection(New object("v"; 2); New object("w"; 1); New object("v"; 1))
ALERT(JSON Stringify($c.orderBy("v")))  // expect: [{"w":1},{"v":1},{"v":2}]
$c:=New collection(New object("id"; 1))
ALERT(JSON Stringify($c.orderBy("id blah")))  // expect error: invalid criterion
ALERT(JSON Stringify($c.orderBy(True)))  // expect error: a text, a collection or a number was expected

// .orderByMethod()
$fruits:=New collection("Orange"; "Apple"; "Grape"; "pear"; "Banana"; "fig"; "Blackberry"; "Passion fruit")
$c2:=$fruits.orderByMethod(Formula(Length(String($1.value))>Length(String($1.value2))))
ALERT(JSON Stringify($c2))  // expect: ["Passion fruit","Blackberry","Orange","Banana","Apple","Grape","pear","fig"]
ALERT($fruits[0])  // expect: Orange
$strings1:=New collection("Alpha"; "Charlie"; "alpha"; "bravo"; "Bravo"; "charlie")
$strings2:=$strings1.orderByMethod("_sortCollection"; sk char codes)
ALERT(JSON Stringify($strings2))  // expect: ["Alpha","Bravo","Charlie","alpha","bravo","charlie"]

// .reverse(): deep copy
$c:=New collection(1; 3; 5; 2; 4; 6)
ALERT(JSON Stringify($c.reverse()))  // expect: [6,4,2,5,3,1]
ALERT(JSON Stringify($c))  // expect: [1,3,5,2,4,6]
$c:=New collection(New object("a"; 1); 2)
$c2:=$c.reverse()
ALERT(String($c2[1]=$c[0]))  // expect: False
ALERT(JSON Stringify($c2))  // expect: [2,{"a":1}]

// .multiSort()
$col:=["A"; "C"; "B"]
$col2:=[1; 2; 3]
$col3:=[["Jim"; "Philip"; "Maria"]; ["blue"; "green"]; ["11"; 22; "33"]]
$col.multiSort([$col2; $col3])
ALERT(JSON Stringify($col))  // expect: ["A","B","C"]
ALERT(JSON Stringify($col2))  // expect: [1,3,2]
ALERT(JSON Stringify($col3))  // expect: [["Jim","Philip","Maria"],["11",22,"33"],["blue","green"]]
var $city; $country; $continent : Collection
$city:=["Paris"; "Lyon"; "Rabat"; "Eching"; "San Diego"]
$country:=["France"; "France"; "Morocco"; "Germany"; "US"]
$continent:=["Europe"; "Europe"; "Africa"; "Europe"; "America"]
$continent.multiSort([$country; {collection: $city; order: ck ascending}])
ALERT(JSON Stringify($continent))  // expect: ["Africa","America","Europe","Europe","Europe"]
ALERT(JSON Stringify($country))  // expect: ["Morocco","US","France","France","Germany"]
ALERT(JSON Stringify($city))  // expect: ["Rabat","San Diego","Lyon","Paris","Eching"]
var $name; $address : Collection
$name:=[]
$name.push({firstname: "John"; lastname: "Smith"})
$name.push({firstname: "Alain"; lastname: "Martin"})
$name.push({firstname: "Jane"; lastname: "Doe"})
$name.push({firstname: "John"; lastname: "Doe"})
$address:=[]
$address.push({city: "Paris"; country: "France"})
$address.push({city: "Lyon"; country: "France"})
$address.push({city: "Eching"; country: "Germany"})
$address.push({city: "Berlin"; country: "Germany"})
$name.multiSort(Formula($1.value.firstname<$1.value2.firstname); [$address])
ALERT($name.extract("lastname").join(","))  // expect: Martin,Doe,Smith,Doe
ALERT($address.extract("city").join(","))  // expect: Lyon,Eching,Paris,Berlin
$col:=[3; 1; 2]
$col2:=["c"; "a"; "b"]
$col.multiSort([{collection: $col2; order: ck descending}])
ALERT(JSON Stringify($col2))  // expect: ["a","b","c"]
$col:=[1; 1; 2]
$col2:=["x"; "y"; "z"]
$col.multiSort([{collection: $col2; order: ck descending}])
ALERT(JSON Stringify($col2))  // expect: ["y","x","z"]
$col:=[2; 1]
ALERT(JSON Stringify($col.multiSort()))  // expect: [1,2]
$col.multiSort([[1; 2; 3]])  // expect error: same length
ALERT(JSON Stringify($col))  // expect: [1,2]
$col.multiSort([5])  // expect error: must be a collection or {collection; order}
