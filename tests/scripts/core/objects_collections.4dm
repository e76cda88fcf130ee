// Objects and collections: reference semantics, literals, property access, growth
// Sources: docs/Concepts/dt_object.md, docs/Concepts/dt_collection.md
$a:={name: "Ann"; age: 30}
$b:=$a
$b.age:=31
ALERT(String($a.age))  // expect: 31
ALERT(String($a=$b))  // expect: True
ALERT(String({}={}))  // expect: False
ALERT(String($a["name"]))  // expect: Ann
$key:="name"
ALERT($a[$key])  // expect: Ann
$a["with space"]:="ok"
ALERT($a["with space"])  // expect: ok
// property names are case-sensitive
$a.Name:="other"
ALERT($a.name+"/"+$a.Name)  // expect: Ann/other
ALERT(JSON Stringify($a))  // expect: {"name":"Ann","age":31,"with space":"ok","Name":"other"}
// nested literal and chained access
$o:={sub: {list: [10; 20; {deep: "yes"}]}}
ALERT($o.sub.list[2].deep)  // expect: yes
$o.sub.list[0]:=11
ALERT(String($o.sub.list[0]))  // expect: 11
// creating nested properties step by step
$p:={}
$p.x:={}
$p.x.y:=5
ALERT(JSON Stringify($p))  // expect: {"x":{"y":5}}
// collections are 0-based; writing past the end fills with Null
$c:=["a"; "b"]
$c[5]:="z"
ALERT(String($c.length))  // expect: 6
ALERT(JSON Stringify($c))  // expect: ["a","b",null,null,null,"z"]
ALERT(String($c[3]=Null))  // expect: True
// reference semantics through a collection
$d:=$c
$d.push("end")
ALERT(String($c.length))  // expect: 7
$m:=[[1; 2]; [3; 4]]
ALERT(String($m[1][0]))  // expect: 3
// numbers stored in objects are reals
ALERT(String(Value type({v: 42}.v)))  // expect: 1
// equality on objects compares references
$e:=[1; 2]
ALERT(String($e=[1; 2]))  // expect: False
ALERT(String($e=$e))  // expect: True
// For each over object keys in creation order
$keys:=""
For each ($k; {z: 1; a: 2; m: 3})
	$keys:=$keys+$k
End for each
ALERT($keys)  // expect: zam
// reading past the end of a collection is an error
$empty:=[]
$x:=$empty[0]  // expect error: 90023
$n:=Null
$n.x:=1  // expect error: 90021
$q:=$c.unknownFunction()  // expect error: 90022
$s:="text"
$y:=$s.prop  // expect error: 90024
ALERT("after errors")  // expect: after errors
// [X] with a command or constant inside is a collection literal, not a table reference
$nested:=[New collection]
ALERT(String($nested.length)+" "+String($nested[0].length))  // expect: 1 0
ALERT(String([Pi][0]>3.14))  // expect: True
ALERT(JSON Stringify([True; Null]))  // expect: [true,null]
