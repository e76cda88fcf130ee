// Must call Super() before This
Class extends LcBase

Class constructor($n : Real)
	This.early:=1
	Super($n)
