//Set storage for a session (the example of the 4D docs, command Session storage)
//The "Execute On Server" method property is set in 4D; mini4d runs every session in one runtime.

#DECLARE($id : Text; $text : Text)
var $obj : Object

$obj:=Session storage($id)

If ($obj.settings=Null)
	Use ($obj)
		$obj.settings:=New shared object("text"; $text)
	End use
Else
	Use ($obj.settings)
		$obj.settings.text:=$text
	End use
End if
