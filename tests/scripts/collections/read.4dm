// Collection functions that read or copy (docs/API/CollectionClass.md examples)
var $col; $c; $c2; $nc; $emptyCol; $fruits : Collection
var $o : Object

// .at(), .first(), .last()
$col:=New collection(10; 20; 30; 40; 50)
ALERT(String($col.at(0)))  // expect: 10
ALERT(String($col.at(1)))  // expect: 20
ALERT(String($col.at(-1)))  // expect: 50
ALERT(String($col.at(-2)))  // expect: 40
ALERT(String(Value type($col.at(10))))  // expect: 5
ALERT(String(Value type($col.at(-6))))  // expect: 5
$col:=New collection(10; 20; 30; "hello"; 50)
ALERT(String($col.first()))  // expect: 10
ALERT(String($col.last()))  // expect: 50
$emptyCol:=New collection
ALERT(String(Value type($emptyCol.first())))  // expect: 5
ALERT(String(Value type($emptyCol.last())))  // expect: 5
$col:=New collection(Null)
ALERT(String(Value type($col.first())))  // expect: 255

// .length
$col:=New collection("one"; "two"; "three")
ALERT(String($col.length))  // expect: 3
$col[4]:="five"
ALERT(String($col.length))  // expect: 5
ALERT(JSON Stringify($col))  // expect: ["one","two","three",null,"five"]

// .slice()
$c:=New collection(1; 2; 3; 4; 5)
ALERT(JSON Stringify($c.slice(0; 3)))  // expect: [1,2,3]
ALERT(JSON Stringify($c.slice(3)))  // expect: [4,5]
ALERT(JSON Stringify($c.slice(1; -1)))  // expect: [2,3,4]
ALERT(JSON Stringify($c.slice(-3; -2)))  // expect: [3]
ALERT(JSON Stringify($c.slice(4; 2)))  // expect: []
ALERT(JSON Stringify($c.slice(10)))  // expect: []
ALERT(JSON Stringify($c.slice(-10; 2)))  // expect: [1,2]
ALERT(JSON Stringify($c))  // expect: [1,2,3,4,5]
$o:=New object("a"; 1)
$c:=New collection($o; 2)
$nc:=$c.slice(0; 1)
$nc[0].a:=99
ALERT(String($o.a))  // expect: 99

// .concat()
$c:=New collection(1; 2; 3; 4; 5)
$fruits:=New collection("Orange"; "Banana"; "Apple"; "Grape")
$fruits.push(New object("Intruder"; "Tomato"))
ALERT(JSON Stringify($c.concat($fruits)))  // expect: [1,2,3,4,5,"Orange","Banana","Apple","Grape",{"Intruder":"Tomato"}]
ALERT(JSON Stringify($c.concat(6; 7; 8)))  // expect: [1,2,3,4,5,6,7,8]
ALERT(JSON Stringify($c.concat(New collection(New collection(6)))))  // expect: [1,2,3,4,5,[6]]
ALERT(JSON Stringify($c))  // expect: [1,2,3,4,5]

// .copy(): deep
$o:=New object("alpha"; "Hello"; "num"; 1)
$col:=New collection($o; New collection(1; 2))
$c2:=$col.copy()
$c2[0].alpha:="World!"
$c2[1].push(3)
ALERT($col[0].alpha+" "+$c2[0].alpha)  // expect: Hello World!
ALERT(JSON Stringify($col[1]))  // expect: [1,2]
ALERT(String($c2[0]=$col[0]))  // expect: False

// .copy(ck resolve pointers)
var $p : Pointer
var $what : Text
$p:=->$what
$col:=New collection
$col.push(New object("alpha"; "Hello"; "num"; 1))
$col.push(New object("beta"; "You"; "what"; $p))
$c2:=$col.copy()
$c2[1].beta:="World!"
ALERT($col[0].alpha+" "+$c2[1].beta)  // expect: Hello World!
$what:="You!"
$c:=$c2.copy(ck resolve pointers)
ALERT($c[0].alpha+" "+$c[1].what)  // expect: Hello You!
ALERT(String(Value type($c2[1].what)))  // expect: 23
ALERT(String(Value type($c[1].what)))  // expect: 2

// .join()
$c:=New collection(1; 2; 3; "Paris"; Null; ""; 4; 5)
ALERT($c.join("|"))  // expect: 1|2|3|Paris|null||4|5
ALERT($c.join("|"; ck ignore null or empty))  // expect: 1|2|3|Paris|4|5
ALERT(New collection("a"; "b").join(""))  // expect: ab
ALERT("["+New collection.join(",")+"]")  // expect: []
ALERT(New collection(True; 1.5).join(", "))  // expect: True, 1.5

// .flat()
$col:=New collection(1; 2; New collection(3; 4))
ALERT(JSON Stringify($col.flat()))  // expect: [1,2,3,4]
$col:=New collection(1; 2; New collection(3; 4; New collection(5; 6)))
ALERT(JSON Stringify($col.flat()))  // expect: [1,2,3,4,[5,6]]
ALERT(JSON Stringify($col.flat(2)))  // expect: [1,2,3,4,5,6]
$col:=New collection(1; 2; New collection(3; 4; 5; 6; New collection(7; 8; New collection(9; 10))))
ALERT(JSON Stringify($col.flat(MAXLONG)))  // expect: [1,2,3,4,5,6,7,8,9,10]
ALERT(JSON Stringify($col.flat(0)))  // expect: [1,2,[3,4,5,6,[7,8,[9,10]]]]

// .indexOf()
$col:=New collection(1; 2; "Henry"; 5; 3; "Albert"; 6; 4; "Alan"; 5)
ALERT(String($col.indexOf(3)))  // expect: 4
ALERT(String($col.indexOf(5; 5)))  // expect: 9
ALERT(String($col.indexOf("al@")))  // expect: 5
ALERT(String($col.indexOf("Hello")))  // expect: -1
ALERT(String($col.indexOf("HENRY")))  // expect: 2
ALERT(String($col.indexOf(5; 10)))  // expect: -1
ALERT(String($col.indexOf(5; -1)))  // expect: 9
ALERT(String($col.indexOf(1; -100)))  // expect: 0
ALERT(String($col.indexOf("5")))  // expect: -1

// .includes()
$o:=New object("value"; 10)
$col:=New collection(1; 2; "Henry"; 5; 3; "Albert"; 6; 4; "Alan"; 5; $o)
ALERT(String($col.includes(3)))  // expect: True
ALERT(String($col.includes(5; 6)))  // expect: True
ALERT(String($col.includes("al@")))  // expect: True
ALERT(String($col.includes("Hello")))  // expect: False
ALERT(String($col.includes($o)))  // expect: True
ALERT(String($col.includes(New object("value"; 10))))  // expect: False
ALERT(String($col.includes(1; 11)))  // expect: False
ALERT(String(New collection(1; Null).includes(Null)))  // expect: True
ALERT(String(New collection(1; 2).includes(Null)))  // expect: False
ALERT(String(New collection(True).includes(1)))  // expect: False
ALERT(String(New collection(!2020-01-02!).includes(!2020-01-02!)))  // expect: True

// .lastIndexOf()
$col:=New collection("a"; "b"; "c"; "d"; "e"; "f"; "g"; "h"; "i"; "j"; "e"; "k"; "e")
ALERT(String($col.lastIndexOf("e")))  // expect: 12
ALERT(String($col.lastIndexOf("e"; 6)))  // expect: 4
ALERT(String($col.lastIndexOf("e"; 15)))  // expect: 12
ALERT(String($col.lastIndexOf("e"; -2)))  // expect: 10
ALERT(String($col.lastIndexOf("x")))  // expect: -1
ALERT(String($col.lastIndexOf("a"; 0)))  // expect: -1
ALERT(String($col.lastIndexOf("e"; -20)))  // expect: -1
ALERT(String(New collection.lastIndexOf(1)))  // expect: -1

// .count()
$col:=New collection(20; 30; Null; 40)
$col.push(New object("name"; "Smith"; "salary"; 10000))
$col.push(New object("name"; "Wesson"; "salary"; 50000))
$col.push(New object("name"; "Gross"; "salary"; 10500))
$col.push(New object("lastName"; "Henry"; "salary"; 12000))
ALERT(String($col.count()))  // expect: 7
ALERT(String($col.count("name")))  // expect: 3
ALERT(String(New collection.count()))  // expect: 0

// .countValues()
$col:=New collection(1; 2; 5; 5; 5; 3; 6; 4)
ALERT(String($col.countValues(5)))  // expect: 3
$col:=New collection
$col.push(New object("name"; "Smith"; "age"; 5))
$col.push(New object("name"; "Wesson"; "age"; 2))
$col.push(New object("name"; "Jones"; "age"; 3))
$col.push(New object("name"; "Henry"; "age"; 4))
$col.push(New object("name"; "Gross"; "age"; 5))
ALERT(String($col.countValues(5; "age")))  // expect: 2
ALERT(String($col.countValues("j@"; "name")))  // expect: 1
var $letters; $numbers : Collection
$letters:=New collection("a"; "b"; "c")
$numbers:=New collection(1; 2; $letters; 3; 4; 5)
ALERT(String($numbers.countValues($letters)))  // expect: 1
ALERT(String($numbers.countValues(New collection("a"; "b"; "c"))))  // expect: 0
ALERT(String(New collection("a"; "A"; "b").countValues("a")))  // expect: 2

// .sum() and .average()
$col:=New collection(10; 20; "Monday"; True; 2)
ALERT(String($col.sum()))  // expect: 32
$col:=New collection(10; 20; "Monday"; True; 6)
ALERT(String($col.average()))  // expect: 12
$col:=New collection
$col.push(New object("name"; "Smith"; "salary"; 10000))
$col.push(New object("name"; "Wesson"; "salary"; 50000))
$col.push(New object("name"; "Gross"; "salary"; 10500))
ALERT(String($col.average("salary")))  // expect: 23500
ALERT(String($col.sum("salary")))  // expect: 70500
$col.push(New object("name"; "Half"; "salary"; 0.5))
ALERT(String($col.sum("salary")))  // expect: 70500.5
ALERT(String(New collection.sum()))  // expect: 0
ALERT(String(Value type(New collection.average())))  // expect: 5
ALERT(String(Value type(New collection("a"; True).average())))  // expect: 5
ALERT(String(Value type($col.average("nothing"))))  // expect: 5
ALERT(String($col.sum("nothing")))  // expect: 0
ALERT(String(New collection(New object("a"; New object("b"; 2)); New object("a"; New object("b"; 3))).sum("a.b")))  // expect: 5

// .max() and .min()
$col:=New collection(200; 150; 55)
$col.push(New object("name"; "Smith"; "salary"; 10000))
$col.push(New object("name"; "Wesson"; "salary"; 50000))
$col.push(New object("name"; "Alabama"; "salary"; 10500))
ALERT(JSON Stringify($col.max()))  // expect: {"name":"Alabama","salary":10500}
ALERT(String($col.max("salary")))  // expect: 50000
ALERT(String($col.max("name")))  // expect: Wesson
ALERT(String($col.min()))  // expect: 55
ALERT(String($col.min("salary")))  // expect: 10000
ALERT(String($col.min("name")))  // expect: Alabama
ALERT(String(Value type(New collection.max())))  // expect: 5
ALERT(String(Value type(New collection.min())))  // expect: 5
ALERT(String(New collection("b"; 3; True; "a"; 1).max()))  // expect: 3
ALERT(String(New collection("b"; 3; True; "a"; 1).min()))  // expect: True
ALERT(String(New collection(!2020-01-01!; 5; !2019-01-01!).max()=!2020-01-01!))  // expect: True
ALERT(String(Value type($col.max("nothing"))))  // expect: 5

// .distinct()
$c:=New collection
$c.push("a"; "b"; "c"; "A"; "B"; "c"; "b"; "b")
$c.push(New object("size"; 1))
$c.push(New object("size"; 3))
$c.push(New object("size"; 1))
ALERT(JSON Stringify($c.distinct()))  // expect: ["a","b","c",{"size":1},{"size":3},{"size":1}]
ALERT(JSON Stringify($c.distinct(ck diacritical)))  // expect: ["a","A","b","B","c",{"size":1},{"size":3},{"size":1}]
ALERT(JSON Stringify($c.distinct("size")))  // expect: [1,3]
ALERT(JSON Stringify($c.distinct("size"; ck count values)))  // expect: [{"value":1,"count":2},{"value":3,"count":1}]
ALERT(JSON Stringify(New collection(3; Null; 1; 3; True; "x"; 2).distinct()))  // expect: [true,"x",1,2,3]
ALERT(JSON Stringify(New collection("é"; "e"; "E").distinct()))  // expect: ["é"]
ALERT(JSON Stringify(New collection.distinct()))  // expect: []

// .equal()
var $b : Boolean
$c:=New collection(New object("a"; 1; "b"; "orange"); 2; 3)
$c2:=New collection(New object("a"; 1; "b"; "orange"); 2; 3; 4)
ALERT(String($c.equal($c2)))  // expect: False
$c:=New collection(New object("1"; "a"; "b"; "orange"); 2; 3)
$c2:=New collection(New object("a"; 1; "b"; "orange"); 2; 3)
ALERT(String($c.equal($c2)))  // expect: False
$c:=New collection(New object("a"; 1; "b"; "orange"); 2; 3)
$c2:=New collection(New object("a"; 1; "b"; "ORange"); 2; 3)
ALERT(String($c.equal($c2)))  // expect: True
ALERT(String($c.equal($c2; ck diacritical)))  // expect: False
ALERT(String(New collection("a@").equal(New collection("abc"))))  // expect: False
ALERT(String(New collection(Null).equal(New collection(Null))))  // expect: True
ALERT(String(New collection(New object("a"; Null)).equal(New collection(New object))))  // expect: False
ALERT(String(New collection(New collection(1; 2)).equal(New collection(New collection(1; 2)))))  // expect: True
ALERT(String(New collection(1).equal(New collection(True))))  // expect: False
ALERT(String(New collection.equal(New collection)))  // expect: True

// .extract()
$c:=New collection
$c.push(New object("name"; "Cleveland"))
$c.push(New object("zip"; 5321))
$c.push(New object("name"; "Blountsville"))
$c.push(42)
ALERT(JSON Stringify($c.extract("name")))  // expect: ["Cleveland","Blountsville"]
ALERT(JSON Stringify($c.extract("name"; ck keep null)))  // expect: ["Cleveland",null,"Blountsville",null]
$c:=New collection
$c.push(New object("zc"; 35060))
$c.push(New object("name"; Null; "zc"; 35049))
$c.push(New object("name"; "Cleveland"; "zc"; 35049))
$c.push(New object("name"; "Blountsville"; "zc"; 35031))
$c.push(New object("name"; "Adger"; "zc"; 35006))
$c.push(New object("name"; "Clanton"; "zc"; 35046))
$c.push(New object("name"; "Clanton"; "zc"; 35045))
ALERT(JSON Stringify($c.extract("name"; "City")))  // expect: [{"City":null},{"City":"Cleveland"},{"City":"Blountsville"},{"City":"Adger"},{"City":"Clanton"},{"City":"Clanton"}]
ALERT(JSON Stringify($c.extract("name"; "City"; "zc"; "Zip")))  // expect: [{"Zip":35060},{"City":null,"Zip":35049},{"City":"Cleveland","Zip":35049},{"City":"Blountsville","Zip":35031},{"City":"Adger","Zip":35006},{"City":"Clanton","Zip":35046},{"City":"Clanton","Zip":35045}]
ALERT(JSON Stringify(New collection(New object("a"; New object("b"; 1))).extract("a.b"; "x.y")))  // expect: [{"x":{"y":1}}]

// wrong argument types
$col:=New collection(1; 2)
ALERT($col.join(1))  // expect error: A text was expected for delimiter
ALERT(String($col.at("x")))  // expect error: A number was expected
ALERT(String($col.equal(5)))  // expect error: a collection was expected
ALERT(String($col.sum(5)))  // expect error: A text was expected for propertyPath
// times in a collection are numbers of seconds (docs: OB Get)
$times:=New collection(?00:00:10?; ?01:00:00?)
ALERT(String($times[0])+" "+String($times.sum()))  // expect: 10 3610
ALERT(String($times.indexOf(3600)))  // expect: 1
ALERT(String(Time($times[1])))  // expect: 01:00:00
$shared:=New shared collection(?00:00:05?)
ALERT(String($shared[0]))  // expect: 5
