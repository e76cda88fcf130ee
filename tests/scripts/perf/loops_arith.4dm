// Fast paths of loops, assignments and arithmetic give what the general paths give.
var $i; $n; $k; $x : Integer
var $r; $s : Real
// Integer variables wrap at 32 bits and round Reals
$x:=2147483647
$x:=$x+1
ALERT(String($x))  // expect: -2147483648
$x:=65536
$x:=$x*$x
ALERT(String($x))  // expect: 0
$k:=3
$x:=$k/2
ALERT(String($x))  // expect: 2
$x:=$k*2.5
ALERT(String($x))  // expect: 8
$x:=-$k*2.5
ALERT(String($x))  // expect: -8
$r:=$k+$k
ALERT(String($r)+" "+String(Value type($r)=Is real))  // expect: 6 True
$u2:=$k+$k
ALERT(String($u2))  // expect: 6
// % uses integer operands, the sign follows the dividend
$n:=-7
$x:=$n%3
ALERT(String($x))  // expect: -1
$r:=$n%3
ALERT(String($r))  // expect: -1
$x:=7.9%3
ALERT(String($x))  // expect: 1
$r:=10.5
$x:=$r%2
ALERT(String($x))  // expect: 0
$x:=($n*3)%4
ALERT(String($x))  // expect: -1
$x:=$n%0  // expect error: Division by zero
ALERT(String($x))  // expect: -1
$x:=($n+1)%(3-3)  // expect error: Division by zero
// Real division, by zero too
$r:=1/($k-$k)
ALERT(String($r))  // expect: INF
$r:=(0-$k)/0
ALERT(String($r))  // expect: -INF
$r:=$k/(2*$k)
ALERT(String($r))  // expect: 0.5
$r:=2*$k+1
ALERT(String($r))  // expect: 7
$r:=1-(2*$k)
ALERT(String($r))  // expect: -5
// unassigned locals, texts and other types
$x:=$never+1  // expect error: The variable $never is not defined
$x:=1+$never2  // expect error: The variable $never2 is not defined
$x:=($k+1)+$never3  // expect error: The variable $never3 is not defined
$r:=$never4%2  // expect error: The variable $never4 is not defined
$t:="a"
$t:=$t+("b"+"c")
ALERT($t)  // expect: abc
$t:=("x"+$t)+"!"
ALERT($t)  // expect: xabc!
$x:=$t+1  // expect error: Incompatible types
$x:="7"%2  // expect error: Incompatible types
$o:=New object("a"; 2)
$x:=$o.a*$k
ALERT(String($x))  // expect: 6
$x:=$o.missing+1  // expect error: Incompatible types
$x:=Null+1  // expect error: Incompatible types
// Real comparison tolerance in conditions
$r:=0.1+0.2
If ($r=0.3)
	ALERT("equal")  // expect: equal
End if
// For: counter steps, end values, a counter changed by the body
$s:=0
For ($i; 1; 10; 3)
	$s:=$s+$i
End for
ALERT(String($s)+" "+String($i))  // expect: 22 13
For ($i; 10; 1; -4)
	$s:=$s+$i
End for
ALERT(String($s)+" "+String($i))  // expect: 40 -2
For ($i; 1; 3; 0.5)
	$s:=$s+$i
End for
ALERT(String($s)+" "+String($i))  // expect: 46 4
For ($i; 1; 10)
	If ($i=3)
		$i:=8
	End if
	$s:=$s+$i
End for
ALERT(String($s)+" "+String($i))  // expect: 76 11
For ($i; 5; 1)
	$s:=$s+1000
End for
ALERT(String($s)+" "+String($i))  // expect: 76 5
For ($r; 0.5; 2)
	$s:=$s+$r
End for
ALERT(String($s)+" "+String($r))  // expect: 78 2.5
For ($i; 1; 2.7)
	$s:=$s+$i
End for
ALERT(String($s)+" "+String($i))  // expect: 81 3
For ($v; 1; 3)
	$s:=$s+$v
End for
ALERT(String($s)+" "+String($v))  // expect: 87 4
For ($i; 1; 5)
	If ($i=2)
		continue
	End if
	If ($i=4)
		break
	End if
	$s:=$s+$i
End for
ALERT(String($s)+" "+String($i))  // expect: 91 4
// errors inside branches and loop bodies go on with the next statement
For ($i; 1; 2)
	If ($i=1)
		$x:=$never5+1  // expect error: The variable $never5 is not defined
		ALERT("after "+String($i))  // expect: after 1
	Else
		$x:=$i%0  // expect error: Division by zero
		ALERT("after "+String($i))  // expect: after 2
	End if
End for
// Integer counters near the 32-bit limit, float ends, a body resetting the counter
$s:=0
For ($i; 2147483640; 2147483645; 2)
	$s:=$s+1
End for
ALERT(String($s)+" "+String($i))  // expect: 3 2147483646
For ($i; -3; -7.5; -2)
	$s:=$s+$i
End for
ALERT(String($s)+" "+String($i))  // expect: -12 -9
For ($i; 1; 3)
	$i:=$i
	$s:=$s+$i
End for
ALERT(String($s)+" "+String($i))  // expect: -6 4
For ($i; 1; 3)
	For ($i; $i; 2)
		$s:=$s+10
	End for
End for
ALERT(String($s)+" "+String($i))  // expect: 14 4
// = on an Integer and a whole number, with a comparison level of 1 or more
$k:=3
If ($k=4)
	ALERT("3=4")
Else
	ALERT("3#4")  // expect: 3#4
End if
SET REAL COMPARISON LEVEL(1.5)
If ($k=4)
	ALERT("3=4 within 1.5")  // expect: 3=4 within 1.5
End if
If ($k=5)
	ALERT("3=5")
Else
	ALERT("3#5 within 1.5")  // expect: 3#5 within 1.5
End if
SET REAL COMPARISON LEVEL(0.000001)
// push of one value: stored values, other receivers
$c:=New collection
$c.push(True)
$c.push(1)
$c.push($k)
$e:=New object
$c.push($e.missing)
$c.push("t")
ALERT(JSON Stringify($c))  // expect: [true,1,3,null,"t"]
ALERT(String(Value type($c[2])=Is real))  // expect: True
$sc:=New shared collection
$sc.push(2)
ALERT(JSON Stringify($sc))  // expect: [2]
var $nc : Collection
$nc.push(1)  // expect error: the object is Null
$unset.push(1)  // expect error: The variable $unset is not defined
$o:=New object
$o.push(1)  // expect error: Unknown member function
// $a:=-$b
$r:=2.5
$r:=-$r
ALERT(String($r))  // expect: -2.5
$x:=-$r
ALERT(String($x))  // expect: 3
$k:=-2147483648
$k:=-$k
ALERT(String($k))  // expect: -2147483648
$t:=-$never6  // expect error: The variable $never6 is not defined
$t:="a"
$t:=-$t  // expect error: Cannot negate a Text
$d:=!2020-01-01!
$d:=-$d  // expect error: Cannot negate a Date
// $c[$i]:=constant
$c:=New collection(1; 2; 3)
$r:=1.7
$c[$r]:=False
$k:=0
$c[$k]:="z"
ALERT(JSON Stringify($c))  // expect: ["z",false,3]
$k:=5
$c[$k]:=True
ALERT(JSON Stringify($c))  // expect: ["z",false,3,null,null,true]
$k:=-1
$c[$k]:=True  // expect error: Index -1 is out of range
$t:="a"
$c[$t]:=True  // expect error: A collection index must be a number
$sc:=New shared collection(1)
$k:=0
$c2:=$sc
$c2[$k]:=False  // expect error: outside Use
Use ($sc)
	$c2[$k]:=False
End use
ALERT(JSON Stringify($sc))  // expect: [false]
var $nc2 : Collection
$nc2[$k]:=True  // expect error: Cannot set an element of Null
$c[$never7]:=True  // expect error: The variable $never7 is not defined
// push on an object whose push is a formula, as an expression and as a statement
$fo:=New object("push"; Formula($1*2); "n"; 0)
ALERT(String($fo.push(21)))  // expect: 42
$fo2:=New object("push"; Formula(This.n:=This.n+$1); "n"; 0)
$fo2.push(5)
ALERT(String($fo2.n))  // expect: 5
$c:=New collection
ALERT(String($c.push(7).length))  // expect: 1
// compound assignments to locals are fused assignments
var $ci : Integer
$ci:=2147483647
$ci+=1
ALERT(String($ci))  // expect: -2147483648
$ci:=7
$ci/=2
ALERT(String($ci))  // expect: 4
$ci*=2.5
ALERT(String($ci))  // expect: 10
$cr:=1
$cr-=0.25
ALERT(String($cr))  // expect: 0.75
$ct:="a"
$ct+="b"
$ct*=2
ALERT($ct)  // expect: abab
$ct-=1  // expect error: Incompatible types
$cn+=1  // expect error: The variable $cn is not defined
$ci+="x"  // expect error: Incompatible types
$ci:=0
$cr:=1
$cr/=$ci
ALERT(String($cr))  // expect: INF
