// Typed variadic parameters are converted one by one
#DECLARE($first : Text; ... : Integer) -> $n : Real
var $k : Integer
$n:=0
For ($k; 2; Count parameters)
	$n:=$n+${$k}
End for
