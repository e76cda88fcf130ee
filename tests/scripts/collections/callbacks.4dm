// Functions taking a formula or a method name (docs/API/CollectionClass.md examples)
var $c; $c2; $c3; $col; $colNew; $result; $r : Collection
var $f : 4D.Function
var $b : Boolean

// .every()
$f:=Formula($1.value>0)
$c:=New collection
$c.push(5; 3; 1; 4; 6; 2)
ALERT(String($c.every($f)))  // expect: True
$c.push(-1)
ALERT(String($c.every($f)))  // expect: False
ALERT(String($c.every(6; $f)))  // expect: False
ALERT(String($c.every(-2; $f)))  // expect: False
ALERT(String($c.every(0; $f)))  // expect: False
ALERT(String($c.every(100; $f)))  // expect: False
ALERT(String(New collection.every($f)))  // expect: True
$f:=Formula(Value type($1.value)=$2)
$c:=New collection
$c.push(5; 3; 1; 4; 6; 2)
ALERT(String($c.every($f; Is real)))  // expect: True
$c.push(New object("name"; "Cleveland"; "zc"; 35049))
ALERT(String($c.every($f; Is real)))  // expect: False
ALERT(String(New collection(1; -2; 3).every("_isPositive")))  // expect: False
ALERT(String(New collection(1; 2).every("_isPositive")))  // expect: True

// .some()
$c:=New collection
$c.push(-5; -3; -1; -4; -6; -2)
ALERT(String($c.some(Formula($1.value>0))))  // expect: False
$c.push(1)
ALERT(String($c.some(Formula($1.value>0))))  // expect: True
$c:=New collection
$c.push(1; -5; -3; -1; -4; -6; -2)
ALERT(String($c.some(Formula($1.value>0))))  // expect: True
ALERT(String($c.some(1; Formula($1.value>0))))  // expect: False
ALERT(String($c.some(-7; Formula($1.value>0))))  // expect: True
ALERT(String($c.some("_isPositive")))  // expect: True

// .filter()
$col:=New collection("hello"; "world"; "red horse"; 66; "tim"; "san jose"; "miami")
$colNew:=$col.filter(Formula((Value type($1.value)=Is text) && (Length($1.value)<$2)); 6)
ALERT(JSON Stringify($colNew))  // expect: ["hello","world","tim","miami"]
ALERT(JSON Stringify($col.filter("_lengthUpTo"; 4)))  // expect: ["tim"]
$f:=Formula(OB Get type($1; "value")=$2)
$c:=New collection(5; 3; 1; 4; 6; 2)
$c.push(New object("name"; "Cleveland"; "zc"; 35049))
$c.push(New object("name"; "Blountsville"; "zc"; 35031))
ALERT(JSON Stringify($c.filter($f; Is real)))  // expect: [5,3,1,4,6,2]
$c3:=$c.filter($f; Is object)
ALERT(JSON Stringify($c3))  // expect: [{"name":"Cleveland","zc":35049},{"name":"Blountsville","zc":35031}]
ALERT(String($c3[0]=$c[6]))  // expect: True
ALERT(JSON Stringify(New collection(-1; 2; -3; 4).filter("_isPositive")))  // expect: [2,4]
ALERT(JSON Stringify(New collection.filter($f; Is real)))  // expect: []

// .find() and .findIndex()
$col:=New collection("hello"; "world"; 4; "red horse"; "tim"; "san jose")
ALERT($col.find(Formula((Value type($1.value)=Is text) && (Length($1.value)<$2)); 5))  // expect: tim
$c:=New collection
$c.push(New object("name"; "Cleveland"; "zc"; 35049))
$c.push(New object("name"; "Blountsville"; "zc"; 35031))
$c.push(New object("name"; "Adger"; "zc"; 35006))
$c.push(New object("name"; "Clanton"; "zc"; 35046))
$c.push(New object("name"; "Clanton"; "zc"; 35045))
ALERT(JSON Stringify($c.find(Formula($1.value.name=$2); "Clanton")))  // expect: {"name":"Clanton","zc":35046}
ALERT(String($c.find(Formula($1.value.name=$2); "Clanton")=$c[3]))  // expect: True
ALERT(String(Value type($c.find(Formula($1.value.name=$2); "Paris"))))  // expect: 5
var $val2; $val3 : Integer
$val2:=$c.findIndex(Formula($1.value.name=$2); "Clanton")
ALERT(String($val2))  // expect: 3
$val3:=$c.findIndex($val2+1; Formula($1.value.name=$2); "Clanton")
ALERT(String($val3))  // expect: 4
ALERT(String($c.findIndex(5; Formula($1.value.name=$2); "Clanton")))  // expect: -1
ALERT(String($c.findIndex(-1; Formula($1.value.name=$2); "Cleveland")))  // expect: -1
ALERT(String($c.findIndex(-1; Formula($1.value.name=$2); "Clanton")))  // expect: 4
ALERT(String(Value type($c.find(10; Formula(True)))))  // expect: 5

// .map()
$c:=New collection(1; 4; 9; 10; 20)
$c2:=$c.map(Formula(Round(($1.value/$2)*100; 2)); $c.sum())
ALERT(JSON Stringify($c2))  // expect: [2.27,9.09,20.45,22.73,45.45]
ALERT(JSON Stringify($c))  // expect: [1,4,9,10,20]
ALERT(JSON Stringify(New collection.map(Formula($1.value))))  // expect: []
ALERT(JSON Stringify(New collection(1; 2; 3).map(Formula(New object("v"; $1.value)))))  // expect: [{"v":1},{"v":2},{"v":3}]

// .flatMap()
$col:=New collection(1; 2; 3; 4)
ALERT(JSON Stringify($col.map(Formula(New collection($1.value*2)))))  // expect: [[2],[4],[6],[8]]
ALERT(JSON Stringify($col.flatMap(Formula(New collection($1.value*2)))))  // expect: [2,4,6,8]
$c:=New collection(1; 4; 9; 10; 20)
$f:=Formula(New collection($1.value; Round(($1.value/$2)*100; 2)))
ALERT(JSON Stringify($c.flatMap($f; $c.sum())))  // expect: [1,2.27,4,9.09,9,20.45,10,22.73,20,45.45]
ALERT(JSON Stringify(New collection(1; 2).flatMap(Formula(New collection(New collection($1.value))))))  // expect: [[1],[2]]

// .reduce() and .reduceRight()
$c:=New collection(5; 3; 5; 1; 3; 4; 4; 6; 2; 2)
ALERT(String($c.reduce(Formula($1.accumulator*$1.value); 1)))  // expect: 86400
ALERT(String($c.reduceRight(Formula($1.accumulator*$1.value); 1)))  // expect: 86400
ALERT(String($c.reduce(Formula($1.accumulator+$1.value); 0)))  // expect: 35
ALERT(String(New collection("a"; "b"; "c").reduce(Formula($1.accumulator+$1.value); "")))  // expect: abc
ALERT(String(New collection("a"; "b"; "c").reduceRight(Formula($1.accumulator+$1.value); "")))  // expect: cba
ALERT(String(New collection(1; 2).reduce(Formula($1.accumulator+$1.value+$2); 0; 10)))  // expect: 23
ALERT(String(New collection.reduce(Formula($1.accumulator+1); 7)))  // expect: 7
ALERT(String(Value type(New collection.reduce(Formula($1.accumulator+1)))))  // expect: 5
$c:=New collection
$c.push(New collection(0; 1))
$c.push(New collection(2; 3))
$c.push(New collection(4; 5))
$c.push(New collection(6; 7))
ALERT(JSON Stringify($c.reduce("_Flatten")))  // expect: [0,1,2,3,4,5,6,7]
ALERT(JSON Stringify($c.reduceRight("_Flatten")))  // expect: [6,7,4,5,2,3,0,1]
ALERT(JSON Stringify($c.reduce(Formula(_Flatten($1)))))  // expect: [0,1,2,3,4,5,6,7]

// $1.stop: the returned value is the last calculated
$c:=New collection(1; 2; 3; 4; 5)
ALERT(JSON Stringify($c.map(Formula(_stopAt($1; 3)))))  // expect: [10,20,30]
ALERT(String($c.findIndex(Formula(_stopAt($1; 2)>100))))  // expect: -1

// wrong callbacks
ALERT(JSON Stringify($c.map(5)))  // expect error: a formula or a method name was expected
ALERT(JSON Stringify($c.filter()))  // expect error: expects a formula or a method name
ALERT(String($c.every("_noSuchMethod")))  // expect error: -10508
// reduce and reduceRight with a compound assignment as the formula (CollectionClass.md, example 1)
$prod:=New collection(5;3;5;1;3;4;4;6;2;2)
ALERT(String($prod.reduce(Formula($1.accumulator*=$1.value); 1)))  // expect: 86400
ALERT(String($prod.reduceRight(Formula($1.accumulator*=$1.value); 1)))  // expect: 86400
ALERT(String($prod.reduce(Formula($1.accumulator+=$1.value); 0)))  // expect: 35
$acc:=New object("n"; 10)
$minus:=Formula($acc.n-=3)
$minus.call()
$half:=Formula(This.n/=2)
$half.call($acc)
ALERT(String($acc.n)+" "+$minus.source)  // expect: 3.5 $acc.n-=3
