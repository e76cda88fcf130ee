shared singleton Class constructor()
	This.name:="demo"
	This.loads:=0

shared Function load() : Integer
	This.loads+=1
	return This.loads
