// docs (parameters.md): a format, then any number of values
#DECLARE($format : Text) -> $result : Text
$sum:=0
For ($i; 2; Count parameters)
	$sum:=$sum+${$i}
End for
$result:=String($sum; $format)
