// Class: Settings — a shared singleton: one instance for the whole application,
// created the first time cs.Settings.me is read
shared singleton Class constructor()
	This.currency:="EUR"
	This.reads:=0

shared Function read($key : Text) : Variant
	This.reads+=1
	return This[$key]
