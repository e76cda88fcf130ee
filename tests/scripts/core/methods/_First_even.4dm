// return inside a loop leaves the whole method
#DECLARE($c : Collection) -> $found : Real
var $v : Real
For each ($v; $c)
	If ($v%2=0)
		return $v
	End if
End for each
$found:=-1
