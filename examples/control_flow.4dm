// control_flow.4dm — branches and loops.
// Teaches: If/Else, Case of (first true branch only), While, Repeat (runs at least
// once), For with a step, For each with begin/end and a While suffix, break and continue.
$n:=7
If ($n%2=0)
	ALERT(String($n)+" is even")
Else
	ALERT(String($n)+" is odd")
End if
Case of
	: ($n<5)
		ALERT("small")
	: ($n<10)
		ALERT("medium")
	: ($n<100)
		ALERT("never reached: only the first true branch runs")
	Else
		ALERT("large")
End case
$s:=""
For ($i; 10; 0; -2)
	$s:=$s+String($i)+" "
End for
ALERT("countdown: "+$s)
$total:=0
$i:=0
While ($total<20)
	$i:=$i+1
	$total:=$total+$i
End while
ALERT("1+...+"+String($i)+" = "+String($total))
Repeat
	ALERT("Repeat runs once even when the condition is already true")
Until (True)
$s:=""
For each ($v; [1; 2; 3; 4; 5; 6]; 1) While ($v<6)
	$s:=$s+String($v)
End for each
ALERT("For each from index 1 while <6: "+$s)
// continue skips to the next iteration, break leaves the loop
$s:=""
For ($i; 0; 9)
	If ($i=3)
		continue
	End if
	If ($i=8)
		break
	End if
	$s:=$s+String($i)
End for
ALERT("without 3, stopped at 8: "+$s)
