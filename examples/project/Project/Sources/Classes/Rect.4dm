// Class: Rect — a Shape with a width and a height
Class extends Shape

property width; height : Real

Class constructor($width : Real; $height : Real)
	Super("rectangle")  // the Shape constructor must run before This is used
	This.width:=$width
	This.height:=$height

Function area() : Real
	return This.width*This.height
