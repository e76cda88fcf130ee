// No superclass constructor, no Super(): the constructor runs unwrapped
property v : Variant

Class constructor($v : Variant)
	This.v:=$v
	This.int:=$v
	This.self:=This

Function get doubled() : Real
	return This.v*2

Function set doubled($x : Real)
	This.v:=$x/2
