// Named result variable
#DECLARE($a : Real; $b : Real) -> $sum : Real
$sum:=$a+$b
