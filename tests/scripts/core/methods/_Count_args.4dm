// Extra arguments are allowed and counted
#DECLARE($first : Text) : Text
var $r : Text
$r:=String(Count parameters)
If (Count parameters>=2)
	$r:=$r+" extra="+String(${2})
End if
return $r
