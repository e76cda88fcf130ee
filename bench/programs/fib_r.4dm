// Naive recursive Fibonacci, used by fib.4dm.
#DECLARE($n : Integer)->$r : Integer
If ($n<2)
	$r:=$n
Else
	$r:=fib_r($n-1)+fib_r($n-2)
End if
