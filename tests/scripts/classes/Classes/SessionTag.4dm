session singleton Class constructor()
	This.user:="designer"
