// A shared class: instances are shared objects
property history := []

shared Class constructor($start : Integer)
	This.value:=$start

shared Function increment($by : Integer) : Integer
	This.value:=This.value+$by
	This.history.push($by)
	return This.value

Function unsafeSet($v : Integer)
	This.value:=$v

Function get doubled() : Integer
	return This.value*2
