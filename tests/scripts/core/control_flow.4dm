// If, Case of, While, Repeat, For. Sources: docs/Concepts/cf_branching.md, cf_looping.md
$x:=5
If ($x>3)
	ALERT("big")  // expect: big
Else
	ALERT("small")
End if
If ($x>10)
	ALERT("never")
End if
if ($x=5)
	ALERT("keywords ignore case")  // expect: keywords ignore case
end if
Case of
	: ($x=1)
		ALERT("one")
	: ($x=5)
		ALERT("five")  // expect: five
	: ($x>2)
		ALERT("only the first true branch runs")
	Else
		ALERT("other")
End case
Case of
	: ($x=1)
		ALERT("one")
	Else
		ALERT("else branch")  // expect: else branch
End case
Case of
End case
If (1)  // expect error: 90010
	ALERT("a number is not a Boolean condition")
End if
// While tests before each iteration
$i:=0
$s:=""
While ($i<3)
	$i:=$i+1
	$s:=$s+String($i)
End while
ALERT($s)  // expect: 123
While (False)
	ALERT("never")
End while
// Repeat runs at least once
$i:=10
Repeat
	$i:=$i+1
Until ($i>5)
ALERT(String($i))  // expect: 11
// For: start, end and step evaluated once; default step 1
$s:=""
For ($i; 1; 5)
	$s:=$s+String($i)
End for
ALERT($s)  // expect: 12345
ALERT(String($i))  // expect: 6
$s:=""
For ($i; 10; 1; -3)
	$s:=$s+String($i)+" "
End for
ALERT($s+"|")  // expect: 10 7 4 1 |
$s:="none"
For ($i; 5; 1)
	$s:="ran"
End for
ALERT($s)  // expect: none
$s:=""
For ($i; 3; 3)
	$s:=$s+"once"
End for
ALERT($s)  // expect: once
$s:=""
For ($i; 0; 10; 5)
	$s:=$s+String($i)+","
End for
ALERT($s)  // expect: 0,5,10,
// the end value is evaluated once
$n:=3
$count:=0
For ($i; 1; $n)
	$n:=10
	$count:=$count+1
End for
ALERT(String($count))  // expect: 3
// changing the counter in the body affects the loop
$s:=""
For ($i; 1; 10)
	$s:=$s+String($i)
	$i:=$i+2
End for
ALERT($s)  // expect: 14710
// nested loops
$s:=""
For ($i; 1; 2)
	For ($j; 1; 2)
		$s:=$s+String($i)+String($j)+" "
	End for
End for
ALERT($s+"|")  // expect: 11 12 21 22 |
