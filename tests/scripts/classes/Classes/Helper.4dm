// Calls Super outside a constructor
Function misuse()
	Super(1)
