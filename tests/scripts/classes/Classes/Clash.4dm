property size : Integer

Function size() : Integer
	return 1
