// For each ... End for each, break and continue in all four loops
// Sources: docs/Concepts/cf_looping.md, i18n/fr/.../Concepts/cf_looping.md (break, continue)
$c:=[10; 20; 30; 40; 50]
$s:=""
For each ($v; $c)
	$s:=$s+String($v)+" "
End for each
ALERT($s+"|")  // expect: 10 20 30 40 50 |
// begin (included) and end (excluded)
$s:=""
For each ($v; $c; 1; 3)
	$s:=$s+String($v)+" "
End for each
ALERT($s+"|")  // expect: 20 30 |
// negative begin and end count from the end
$s:=""
For each ($v; $c; -2)
	$s:=$s+String($v)+" "
End for each
ALERT($s+"|")  // expect: 40 50 |
$s:=""
For each ($v; $c; 0; -3)
	$s:=$s+String($v)+" "
End for each
ALERT($s+"|")  // expect: 10 20 |
// While suffix is tested before each iteration, Until after
$s:=""
For each ($v; $c) While ($v<30)
	$s:=$s+String($v)+" "
End for each
ALERT($s+"|")  // expect: 10 20 |
$s:=""
For each ($v; $c) Until ($v>=30)
	$s:=$s+String($v)+" "
End for each
ALERT($s+"|")  // expect: 10 20 30 |
// the docs' examples (docs/Concepts/cf_looping.md, "Until and While conditions")
$colNum:=New collection(1; 2; 3; 4; 5; 6; 7; 8; 9; 10)
$total:=0
For each ($num; $colNum) While ($total<30)
	$total:=$total+$num
End for each
ALERT(String($total))  // expect: 36
$total:=1000
For each ($num; $colNum) Until ($total>30)
	$total:=$total+$num
End for each
ALERT(String($total))  // expect: 1001
// the docs' begin/end example
$col:=New collection("a"; "b"; "c"; "d"; "e")
$col2:=New collection(1; 2; 3)
For each ($item; $col; 0; 3)
	$col2.push($item)
End for each
ALERT(JSON Stringify($col2))  // expect: [1,2,3,"a","b","c"]
For each ($item; $col; -2; -1)
	$col2.push($item)
End for each
ALERT(JSON Stringify($col2))  // expect: [1,2,3,"a","b","c","d"]
// begin and end are ignored for objects
$s:=""
For each ($k; {a: 1; b: 2; c: 3}; 1; 2)
	$s:=$s+$k
End for each
ALERT($s)  // expect: abc
// objects are handed by reference: the element changes
$people:=[{n: 1}; {n: 2}]
For each ($p; $people)
	$p.n:=$p.n*10
End for each
ALERT(JSON Stringify($people))  // expect: [{"n":10},{"n":20}]
// the number of iterations is fixed when the loop starts
$grow:=[1; 2]
$count:=0
For each ($v; $grow)
	$grow.push(0)
	$count:=$count+1
End for each
ALERT(String($count))  // expect: 2
// a typed loop variable refuses an element of another type
var $num : Real
For each ($num; [1; "two"; 3])
End for each  // expect error: 90031
// continue and break: the docs' example gives "012456789"
$t:=""
For ($i; 0; 9)
	If ($i=3)
		continue
	End if
	$t:=$t+String($i)
End for
ALERT($t)  // expect: 012456789
$t:=""
For ($i; 0; 9)
	If ($i=3)
		break
	End if
	$t:=$t+String($i)
End for
ALERT($t)  // expect: 012
$i:=0
$t:=""
While ($i<10)
	$i:=$i+1
	If ($i%2=0)
		continue
	End if
	If ($i>7)
		break
	End if
	$t:=$t+String($i)
End while
ALERT($t)  // expect: 1357
$i:=0
$t:=""
Repeat
	$i:=$i+1
	If ($i=2)
		continue
	End if
	$t:=$t+String($i)
	If ($i=4)
		break
	End if
Until ($i>=10)
ALERT($t)  // expect: 134
$t:=""
For each ($v; ["a"; "b"; "c"; "d"])
	If ($v="b")
		continue
	End if
	If ($v="d")
		break
	End if
	$t:=$t+$v
End for each
ALERT($t)  // expect: ac
// break leaves only the innermost loop
$t:=""
For ($i; 1; 3)
	For ($j; 1; 3)
		If ($j=2)
			break
		End if
		$t:=$t+String($i)+String($j)+" "
	End for
End for
ALERT($t+"|")  // expect: 11 21 31 |
// the docs' statistics example (legacy declarations, Case of inside For each)
C_COLLECTION($nums)
$nums:=New collection(10; 5001; 6665; 33; 1; 42; 7850)
C_LONGINT($item2; $vEven; $vOdd; $vUnder; $vOver)
For each ($item2; $nums)
	If ($item2%2=0)
		$vEven:=$vEven+1
	Else
		$vOdd:=$vOdd+1
	End if
	Case of
		: ($item2<5000)
			$vUnder:=$vUnder+1
		: ($item2>6000)
			$vOver:=$vOver+1
	End case
End for each
ALERT(String($vEven)+" "+String($vOdd)+" "+String($vUnder)+" "+String($vOver))  // expect: 3 4 4 2
