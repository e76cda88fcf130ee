// Shared objects and collections: writes need Use, Use is re-entrant and counted (runtime.md §4.3-4.4).
var $o : Object
$o:=New shared object("n"; 1)
ALERT(String(OB Is shared($o)))  // expect: True
ALERT(String(OB Is shared(New object)))  // expect: False
$o.n:=2  // expect error: 90050
ALERT(String($o.n))  // expect: 1
Use ($o)
	$o.n:=$o.n+1
	Use ($o)
		$o.m:=5
	End use
	$o.k:=1  // still inside the outer Use
End use
ALERT(String($o.n)+" "+String($o.m)+" "+String($o.k))  // expect: 2 5 1
$o.k:=3  // expect error: 90050
$o.k:=3  // expect error: Modification of a shared object outside Use...End use is not allowed
OB REMOVE($o; "k")
ALERT(String(Undefined($o.k)))  // expect: True
// Allowed content: scalars, Null, shared values; standard objects and collections are refused.
Use ($o)
	$o.text:="a"
	$o.date:=!2024-01-02!
	$o.nothing:=Null
	$o.flag:=True
	$o.std:=New object  // expect error: -10721
	$o.col:=New collection(1)  // expect error: Not supported value type in a shared object or shared collection
	$o.sc:=New shared collection(1; 2)
End use
ALERT(String(Undefined($o.std))+" "+String($o.sc.length))  // expect: True 2
// Shared collections: element writes need Use; modifying member functions lock by themselves.
var $c : Collection
$c:=New shared collection
$c.push(1)
$c[0]:=5  // expect error: 90050
ALERT(String($c[0]))  // expect: 1
Use ($c)
	$c[0]:=5
	$c[3]:=7
End use
ALERT(JSON Stringify($c))  // expect: [5,null,null,7]
Use ($c)
	$c.push(New object("a"; 1))  // expect error: -10721
End use
// A sub-object stored in a shared object is in its group: Use of the parent allows writing it.
Use ($o)
	$o.sub:=New shared object
	$o.sub.x:=1
End use
ALERT(String($o.sub.x))  // expect: 1
$o.sub.x:=2  // expect error: 90050
// Use needs a shared object or collection.
Use (New object)  // expect error: 90053
End use
// Standard objects may contain shared ones.
$std:=New object("shared"; $o)
ALERT(String(OB Is shared($std.shared)))  // expect: True
