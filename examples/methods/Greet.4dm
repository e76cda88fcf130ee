// Greet: a result type with return
#DECLARE($name : Text) : Text
If ($name="")
	return "Hello, whoever you are"
End if
return "Hello, "+$name
