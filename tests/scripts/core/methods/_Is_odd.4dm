// Mutual recursion with _Is_even
#DECLARE($n : Integer) : Boolean
If ($n=0)
	return False
End if
return _Is_even($n-1)
