// Class: Shape — the root of a small hierarchy
property name : Text := "shape"

Class constructor($name : Text)
	This.name:=$name

Function area() : Real
	return 0

// a computed property: reading it runs this getter
Function get label() : Text
	return This.name+" of area "+String(This.area(); "###0.00")

Function describe() : Text
	return "I am a "+This.label
