singleton Class constructor()
	This.created:=1
	This.hits:=0

Function hit() : Integer
	This.hits+=1
	return This.hits
