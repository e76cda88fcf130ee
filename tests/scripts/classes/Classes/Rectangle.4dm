// Legacy style: parameters through $1, $2
Class constructor
	var $1; $2 : Integer
	This.name:="Rectangle"
	This.height:=$1
	This.width:=$2

Function sayName
	ALERT("Hi, I am a "+This.name+".")

Function getArea
	var $0 : Integer
	$0:=This.height*This.width

Function nbSides() : Text
	return "I have 4 sides"
