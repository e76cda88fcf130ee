// The letter for a score out of 20.
#DECLARE($score : Real) : Text

Case of 
	: ($score>=16)
		return "A"
	: ($score>=14)
		return "B"
	: ($score>=12)
		return "C"
	: ($score>=10)
		return "D"
	Else 
		return "F"
End case 
