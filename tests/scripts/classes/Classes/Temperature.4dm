// Computed properties: a read-write one, a read-only one, a write-only one
property celsius : Real

Class constructor($c : Real)
	This.celsius:=$c

Function get fahrenheit() : Real
	return This.celsius*9/5+32

Function set fahrenheit($f : Real)
	This.celsius:=($f-32)*5/9

Function get kelvin() : Real
	return This.celsius+273.15

Function set secret($v : Text)
	This.hidden:=$v
