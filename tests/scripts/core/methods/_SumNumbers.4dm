// docs (parameters.md): variadic Real parameters
#DECLARE(... : Real) : Real
var $number; $total : Real
For ($number; 1; Count parameters)
	$total+=${$number}
End for
return $total
