// Runs in another process: tries to change employee 1.
QUERY([Employee];[Employee]ID=1)
If (Locked([Employee]))
	LOCKED BY([Employee];$process;$user;$session;$name)
	<>report:="locked by "+$name
Else 
	[Employee]firstName:="Alicia"
	SAVE RECORD([Employee])
	<>report:="saved"
End if 
