// A base class with a constructor and a property initialiser
property tag : Text:="base"
property n : Real

Class constructor($n : Real)
	This.n:=$n
