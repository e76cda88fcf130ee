// reduce() callback of the docs: accumulates sub-collections into $1.accumulator
#DECLARE($param : Object)
If ($param.accumulator=Null)
	$param.accumulator:=New collection
End if
$param.accumulator.combine($param.value)
