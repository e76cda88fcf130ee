// SORT ARRAY with parallel arrays, both orders
ARRAY TEXT($names; 3)
ARRAY LONGINT($ages; 3)
$names{1}:="carol"
$names{2}:="Alice"
$names{3}:="bob"
$ages{1}:=30
$ages{2}:=20
$ages{3}:=25
SORT ARRAY($names; $ages; >)
LOG EVENT(Into system standard outputs; $names{1}+$names{2}+$names{3}+String($ages{1}))  // expect: Alicebobcarol20
SORT ARRAY($ages; $names; <)
LOG EVENT(Into system standard outputs; String($ages{1})+$names{1})  // expect: 30carol
SORT ARRAY($ages)
LOG EVENT(Into system standard outputs; String($ages{1})+" "+String($ages{3}))  // expect: 20 30
ARRAY LONGINT($short; 1)
SORT ARRAY($ages; $short)  // expect error: same number of elements
// Collections and arrays
$c:=New collection("x"; "y")
ARRAY TEXT($t; 0)
COLLECTION TO ARRAY($c; $t)
LOG EVENT(Into system standard outputs; String(Size of array($t))+$t{1}+$t{2})  // expect: 2xy
$people:=New collection(New object("name"; "A"; "age"; 3); New object("name"; "B"; "age"; 4))
ARRAY TEXT($n; 0)
ARRAY LONGINT($a; 0)
COLLECTION TO ARRAY($people; $n; "name"; $a; "age")
LOG EVENT(Into system standard outputs; $n{2}+String($a{2}))  // expect: B4
$out:=New collection
ARRAY TO COLLECTION($out; $n; "who"; $a; "years")
LOG EVENT(Into system standard outputs; JSON Stringify($out))  // expect: [{"who":"A","years":3},{"who":"B","years":4}]
$flat:=New collection
ARRAY TO COLLECTION($flat; $a)
LOG EVENT(Into system standard outputs; JSON Stringify($flat))  // expect: [3,4]
// COPY ARRAY makes an independent copy
COPY ARRAY($n; $copy)
$copy{1}:="Z"
LOG EVENT(Into system standard outputs; $n{1}+$copy{1})  // expect: AZ
// ARRAY TO COLLECTION / COLLECTION TO ARRAY: times travel as seconds
ARRAY TIME($hours; 2)
$hours{1}:=?00:01:00?
$hours{2}:=?01:00:00?
$hc:=New collection
ARRAY TO COLLECTION($hc; $hours)
LOG EVENT(Into system standard outputs; JSON Stringify($hc))  // expect: [60,3600]
ARRAY TIME($back; 0)
COLLECTION TO ARRAY(New collection(90; 7200); $back)
LOG EVENT(Into system standard outputs; String($back{1})+" "+String($back{2}))  // expect: 00:01:30 02:00:00
