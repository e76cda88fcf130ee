// Factorial: a named result variable and recursion
#DECLARE($n : Integer) -> $result : Real
If ($n<=1)
	$result:=1
Else
	$result:=$n*Factorial($n-1)
End if
