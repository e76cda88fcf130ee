// An Integer parameter and an Integer result nobody assigns
#DECLARE($i : Integer) -> $r : Integer
If ($i>0)
	$r:=$i
End if
