// Trigger of [Employee]: e-mail addresses are kept in lower case; a negative salary is refused.
var $0 : Integer
Case of 
	: (Trigger event=On Saving New Record Event) | (Trigger event=On Saving Existing Record Event)
		If (Not(Is field value Null([Employee]email)))
			[Employee]email:=Lowercase([Employee]email)
		End if 
		If ([Employee]salary<0)
			$0:=-32000
		End if 
End case 
