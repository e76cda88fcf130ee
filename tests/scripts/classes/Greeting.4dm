// A project method used as a formula by formulas.4dm (Formula(Greeting)); run alone it only checks its parameters
#DECLARE($greeting : Text) : Text
If (Count parameters=0)
	ALERT("Greeting needs a parameter")  // expect: Greeting needs a parameter
	return ""
End if
return $greeting+" "+This.firstName+" "+This.lastName
