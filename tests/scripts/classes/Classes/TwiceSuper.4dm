Class extends Person

Class constructor()
	Super("a"; "b")
	Super("c"; "d")
