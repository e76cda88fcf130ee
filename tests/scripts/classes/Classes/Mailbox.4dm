// A class as 4D saves it: the class stores in its types are tokenized (cs:C1710, 4D:C1709)
property owner : cs:C1710.Person
property home : 4D:C1709.Folder

Class constructor($owner : cs:C1710.Person)
	This:C1470.owner:=$owner

Function get label : Text
	return "box of "+This:C1470.owner.firstName

Function copy()->$copy : cs:C1710.Mailbox
	var $new : cs:C1710.Mailbox
	$new:=cs:C1710.Mailbox.new(This:C1470.owner)
	$copy:=$new

Function ownerIs($other : cs:C1710.Person) : Boolean
	return This:C1470.owner=$other
