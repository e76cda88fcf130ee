// Class: Square — a Rect whose sides are equal
Class extends Rect

Class constructor($side : Real)
	Super($side; $side)
	This.name:="square"

Function describe() : Text
	return Super.describe()+" (all sides equal)"
