Class extends Rectangle

Class constructor
	var $1 : Integer
	Super($1; $1)
	This.name:="Square"

Function description() : Text
	return Super.nbSides()+" which are all equal"
