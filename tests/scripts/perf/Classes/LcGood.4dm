// Calls Super() then uses This
Class extends LcBase

Class constructor($n : Real)
	Super($n*10)
	This.late:=This.n+1
