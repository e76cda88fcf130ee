property firstName; lastName : Text
property kind : Text := "human"

Class constructor($firstname : Text; $lastname : Text)
	This.firstName:=$firstname
	This.lastName:=$lastname

Function get fullName() -> $fullName : Text
	$fullName:=This.firstName+" "+This.lastName

Function set fullName($fullName : Text)
	var $p : Integer
	$p:=Position(" "; $fullName)
	This.firstName:=Substring($fullName; 1; $p-1)
	This.lastName:=Substring($fullName; $p+1)

Function sayHello() -> $welcome : Text
	$welcome:="Hello "+This.fullName

Function where() : Text
	return Current method name

Function setAge($age : Integer) : Integer
	This.age:=$age
	return This.age
