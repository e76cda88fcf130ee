// Process (no prefix) and interprocess (<>) variables. Source: docs/Concepts/variables.md
<>count:=0
For ($i; 1; 3)
	<>count:=<>count+1
End for
ALERT(String(<>count))  // expect: 3
total:=10
_Bump_total
ALERT(String(total))  // expect: 11
<>list:=[]
_Push_ip("a")
_Push_ip("b")
ALERT(JSON Stringify(<>list))  // expect: ["a","b"]
// local variables are local to their method
$local:="mine"
_Set_local
ALERT($local)  // expect: mine
