// A derived class: Super() first, then This
Class extends Person

property school : Text := "none"

Class constructor($first : Text; $last : Text; $school : Text)
	Super($first; $last)
	This.school:=$school

Function sayHello() -> $r : Text
	$r:=Super.sayHello()+" from "+This.school

Function get fullName() -> $r : Text
	$r:=Super.fullName+" (student)"
