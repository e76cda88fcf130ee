// A declared result type with `return` and without
#DECLARE($give : Boolean) : Text
If ($give)
	return "given"
End if
