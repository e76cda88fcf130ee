// Mean_of: any number of Real arguments
#DECLARE(... : Real) : Real
var $sum : Real
var $i : Integer
For ($i; 1; Count parameters)
	$sum:=$sum+${$i}
End for
return $sum/Count parameters
