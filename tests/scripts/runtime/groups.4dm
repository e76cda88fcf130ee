// Shared groups (runtime.md §4.5): membership is permanent; Use of any member locks the whole group.
var $g1; $a; $g2; $b : Object
$g1:=New shared object
$a:=New shared object
Use ($g1)
	$g1.a:=$a
End use
$g2:=New shared object
$b:=New shared object
Use ($g2)
	$g2.b:=$b
End use
Use ($g1)
	$g1.x:=$b  // expect error: 90051
End use
Use ($g2)
	$g2.b:=Null
End use
Use ($g1)
	$g1.x:=$b  // expect error: already belongs to another shared group
End use
ALERT(String(Undefined($g1.x)))  // expect: True
// Use of a member locks the group: writing $g1 inside Use($a) is allowed.
Use ($a)
	$g1.y:=1
	$a.z:=2
End use
ALERT(String($g1.y)+" "+String($g1.a.z))  // expect: 1 2
// A group cannot join another group either.
Use ($g1)
	$g1.other:=$g2  // expect error: 90051
End use
// Move data between groups with a shared copy placed in the target group.
Use ($g1)
	$g1.x:=OB Copy($b; ck shared; $g1)
End use
ALERT(String(OB Is shared($g1.x)))  // expect: True
Use ($a)
	$g1.x.moved:=True
End use
ALERT(String($g1.x.moved))  // expect: True
// .copy(ck shared; groupWith) joins groupWith's group, so it cannot go into another group.
var $col : Collection
$col:=New collection(1; 2; 3)
$copy:=$col.copy(ck shared; $g2)
ALERT(String(OB Is shared($copy)))  // expect: True
Use ($g2)
	$copy[0]:=10
	$g2.copy:=$copy
End use
ALERT(String($g2.copy[0]))  // expect: 10
Use ($g1)
	$g1.copy:=$copy  // expect error: 90051
End use
// OB Copy without ck shared makes a standard copy; with ck shared alone a new group.
$plain:=OB Copy($g1)
ALERT(String(OB Is shared($plain))+" "+String(OB Is shared($plain.a)))  // expect: False False
$alone:=OB Copy($g1; ck shared)
ALERT(String(OB Is shared($alone)))  // expect: True
Use ($g2)
	$g2.alone:=$alone  // expect error: 90051
End use
// A lone shared object joins a group when stored, and then is locked with it.
$lone:=New shared object("v"; 1)
Use ($g2)
	$g2.lone:=$lone
End use
Use ($g2)
	$lone.v:=2
End use
ALERT(String($lone.v))  // expect: 2
// New shared collection with shared elements makes one group.
$inner:=New shared object("q"; 1)
$sc:=New shared collection($inner)
Use ($sc)
	$inner.q:=2
End use
ALERT(String($sc[0].q))  // expect: 2
// Storing a value that the process is using: its Use nesting carries over to the merged group.
$x:=New shared object
$g:=New shared object
Use ($x)
	Use ($g)
		$g.x:=$x
	End use
	$x.v:=1
	$g.w:=1
End use
ALERT(String($x.v)+" "+String($g.w))  // expect: 1 1
$x.v:=2  // expect error: 90050
$g.w:=2  // expect error: 90050
// Storing a shared object that another process is using waits for that process's End use.
$x:=New shared object
$g:=New shared object
$ready:=New signal
$p:=New process("_rt_hold_briefly"; 0; "holder"; $x; $ready)
$ready.wait(20)
Use ($g)
	$g.x:=$x
	$x.after:=True
End use
ALERT($x.v+" "+String($x.after))  // expect: written by holder True
// A value used while it joins a new shared object's group: the Use goes on over the whole group until End use.
$x:=New shared object("v"; 1)
Use ($x)
	$g:=New shared object("x"; $x; "n"; 0)
	$x.v:=2
	$g.w:=3
End use
$x.v:=4  // expect error: 90050
$g.n:=1  // expect error: 90050
$p:=New process("_rt_add"; 0; "adder"; $g; 5)
_rt_wait_ended(New collection($p))
ALERT(String($x.v)+" "+String($g.w)+" "+String($g.n))  // expect: 2 3 5
