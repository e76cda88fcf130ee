// Recursion
#DECLARE($n : Integer) : Real
If ($n<=1)
	return 1
End if
return $n*_Fact($n-1)
