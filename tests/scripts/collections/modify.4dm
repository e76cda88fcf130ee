// Collection functions that modify the collection (docs/API/CollectionClass.md examples)
var $col; $c; $fruits; $stack; $sorted : Collection

// .push()
$col:=New collection(1; 2)
$col.push(3)
ALERT(JSON Stringify($col))  // expect: [1,2,3]
$col.push(6; New object("firstname"; "John"; "lastname"; "Smith"))
ALERT(JSON Stringify($col))  // expect: [1,2,3,6,{"firstname":"John","lastname":"Smith"}]
$col:=New collection(5; 3; 9)
$sorted:=$col.push(7; 50).sort()
ALERT(JSON Stringify($sorted))  // expect: [3,5,7,9,50]
ALERT(String($sorted=$col))  // expect: True

// .pop()
$stack:=New collection
$stack.push(1; 2)
ALERT(String($stack.pop()))  // expect: 2
$stack.push(New collection(4; 5))
ALERT(JSON Stringify($stack.pop()))  // expect: [4,5]
ALERT(String($stack.pop()))  // expect: 1
ALERT(String(Value type($stack.pop())))  // expect: 5
ALERT(String($stack.length))  // expect: 0

// .shift() and .unshift()
$c:=New collection(1; 2; 4; 5; 6; 7; 8)
ALERT(String($c.shift()))  // expect: 1
ALERT(JSON Stringify($c))  // expect: [2,4,5,6,7,8]
$c:=New collection
ALERT(String(Value type($c.shift())))  // expect: 5
$c:=New collection(1; 2)
$c.unshift(4)
ALERT(JSON Stringify($c))  // expect: [4,1,2]
$c.unshift(5)
ALERT(JSON Stringify($c))  // expect: [5,4,1,2]
$c.unshift(6; 7)
ALERT(JSON Stringify($c))  // expect: [6,7,5,4,1,2]

// .insert()
$col:=New collection("a"; "b"; "c"; "d")
$col.insert(2; "X")
ALERT(JSON Stringify($col))  // expect: ["a","b","X","c","d"]
$col.insert(-2; "Y")
ALERT(JSON Stringify($col))  // expect: ["a","b","X","Y","c","d"]
$col.insert(-10; "Hi")
ALERT(JSON Stringify($col))  // expect: ["Hi","a","b","X","Y","c","d"]
$col.insert(100; "end")
ALERT(JSON Stringify($col))  // expect: ["Hi","a","b","X","Y","c","d","end"]
$col:=New collection(1)
$col.insert(0; New collection(2; 3))
ALERT(JSON Stringify($col))  // expect: [[2,3],1]
ALERT(String($col.length))  // expect: 2

// .remove()
$col:=New collection("a"; "b"; "c"; "d"; "e"; "f"; "g"; "h")
$col.remove(3)
ALERT(JSON Stringify($col))  // expect: ["a","b","c","e","f","g","h"]
$col.remove(3; 2)
ALERT(JSON Stringify($col))  // expect: ["a","b","c","g","h"]
$col.remove(-8; 1)
ALERT(JSON Stringify($col))  // expect: ["b","c","g","h"]
$col.remove(-3; 1)
ALERT(JSON Stringify($col))  // expect: ["b","g","h"]
$col.remove(10)
ALERT(JSON Stringify($col))  // expect: ["b","g","h"]
$c:=New collection
$c.remove(0)
ALERT(String($c.length))  // expect: 0
ALERT(String(New collection("one"; "two"; "three"; Null; "five").remove(0; 3).length))  // expect: 2

// .resize()
$c:=New collection
$c.resize(10)
ALERT(JSON Stringify($c))  // expect: [null,null,null,null,null,null,null,null,null,null]
$c:=New collection
$c.resize(10; 0)
ALERT(JSON Stringify($c))  // expect: [0,0,0,0,0,0,0,0,0,0]
$c:=New collection(1; 2; 3; 4; 5)
$c.resize(10; New object("name"; "X"))
ALERT(JSON Stringify($c))  // expect: [1,2,3,4,5,{"name":"X"},{"name":"X"},{"name":"X"},{"name":"X"},{"name":"X"}]
$c:=New collection(1; 2; 3; 4; 5)
$c.resize(2)
ALERT(JSON Stringify($c))  // expect: [1,2]
$c.resize(0)
ALERT(JSON Stringify($c))  // expect: []

// .fill()
$c:=New collection(1; 2; 3; "Lemon"; Null; ""; 4; 5)
$c.fill("2")
ALERT(JSON Stringify($c))  // expect: ["2","2","2","2","2","2","2","2"]
$c.fill("Hello"; 5)
ALERT(JSON Stringify($c))  // expect: ["2","2","2","2","2","Hello","Hello","Hello"]
$c.fill(0; 1; 5)
ALERT(JSON Stringify($c))  // expect: ["2",0,0,0,0,"Hello","Hello","Hello"]
$c.fill("world"; 1; -5)
ALERT(JSON Stringify($c))  // expect: ["2","world","world",0,0,"Hello","Hello","Hello"]
$c.fill("x"; 6; 2)
ALERT(JSON Stringify($c))  // expect: ["2","world","world",0,0,"Hello","Hello","Hello"]
$c.fill("z"; -100; 1)
ALERT(JSON Stringify($c))  // expect: ["z","world","world",0,0,"Hello","Hello","Hello"]

// .combine()
$c:=New collection(1; 2; 3; 4; 5; 6)
$fruits:=New collection("Orange"; "Banana"; "Apple"; "Grape")
$c.combine($fruits; 3)
ALERT(JSON Stringify($c))  // expect: [1,2,3,"Orange","Banana","Apple","Grape",4,5,6]
$c:=New collection(1; 2)
$c.combine(New collection(3; 4))
ALERT(JSON Stringify($c))  // expect: [1,2,3,4]
$c.combine(New collection(0); -10)
ALERT(JSON Stringify($c))  // expect: [0,1,2,3,4]
$c.combine(New collection(9); -1)
ALERT(JSON Stringify($c))  // expect: [0,1,2,3,9,4]

// .clear()
$col:=New collection(1; 2; 5)
ALERT(String($col.clear()=$col))  // expect: True
ALERT(String($col.length))  // expect: 0

// objects are stored by reference
var $o : Object
$o:=New object("n"; 1)
$col:=New collection
$col.push($o)
$o.n:=2
ALERT(String($col[0].n))  // expect: 2

// wrong argument types
$col:=New collection(1; 2)
$col.insert("a"; 1)  // expect error: A number was expected for index
$col.combine(5)  // expect error: a collection was expected
$col.remove()  // expect error: expects at least 1 parameter
ALERT(JSON Stringify($col))  // expect: [1,2]
