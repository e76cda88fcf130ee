// Class: Inventory — a shared class: its instances are shared objects that
// several processes can use; shared functions lock This for their duration
property items := {}

shared Class constructor($title : Text)
	This.title:=$title
	This.moves:=0

shared Function add($item : Text; $quantity : Integer)
	If (This.items[$item]=Null)
		This.items[$item]:=0
	End if
	This.items[$item]:=This.items[$item]+$quantity
	This.moves+=1

Function quantity($item : Text) : Integer
	return Num(This.items[$item])
