Function test_never_runs()
	If (True
	End if
