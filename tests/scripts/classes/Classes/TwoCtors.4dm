Class constructor()
	This.a:=1

Class constructor($x : Integer)
	This.a:=$x
