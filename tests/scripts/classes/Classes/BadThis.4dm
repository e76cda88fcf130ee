Class extends Person

Class constructor()
	This.early:=True
	Super("a"; "b")
