Class constructor($greeting : Text)
	This.greeting:=$greeting

Function greet($name : Text; $times : Integer) : Text
	var $r : Text
	var $i : Integer
	For ($i; 1; $times)
		$r+=This.greeting+" "+$name+"!"
	End for
	return $r

Function where() : Text
	return Current method name

Function makeFormula() : 4D.Function
	return Formula(This.greeting+" "+$1)

Function greetPerson($p : cs.Person) : Text
	If ($p=Null)
		return This.greeting+" nobody"
	End if
	return This.greeting+" "+$p.firstName
