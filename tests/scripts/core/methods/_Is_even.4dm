// Mutual recursion with _Is_odd
#DECLARE($n : Integer) : Boolean
If ($n=0)
	return True
End if
return _Is_odd($n-1)
