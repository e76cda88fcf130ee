// map() callback: 10 times the value, stops at the element $2
#DECLARE($param : Object; $last : Integer) : Real
If ($param.value>=$last)
	$param.stop:=True
End if
return $param.value*10
