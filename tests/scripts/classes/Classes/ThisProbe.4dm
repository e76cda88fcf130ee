// `This.name` read and stored inside class functions (used by this_members.4dm)
property n : Integer

Class constructor($start : Integer)
	This.n:=$start
	This.first:=This.n+This.twice

Function get twice() : Integer
	return This.n*2

Function set only($v : Integer)
	This.n:=$v

Function read() : Text
	return String(This.n)+" "+String(This.twice)+" "+String(Value type(This.only))+" "+String(Value type(This.missing))+" "+String(Value type(This.read))

Function store($v : Variant)
	This.n:=$v
	This.extra:=$v

Function storeReadOnly()
	This.twice:=3
