// The docs' session storage example: settings created inside Use on the first call, updated inside Use($obj.settings) later.
#DECLARE($id : Text; $text : Text)
var $obj : Object
$obj:=Session storage by ID($id)
If ($obj.settings=Null)
	Use ($obj)
		$obj.settings:=New shared object("text"; $text; "count"; 1)
	End use
Else
	Use ($obj.settings)
		$obj.settings.text:=$text
		$obj.settings.count:=$obj.settings.count+1
	End use
End if
