// return without a value gives the default of the declared result type
#DECLARE($n : Real) : Text
If ($n>0)
	return
End if
return "negative"
