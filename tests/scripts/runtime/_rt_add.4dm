// Adds 1 to $counter.n, $n times, each time inside Use.
#DECLARE($counter : Object; $n : Integer)
var $i : Integer
For ($i; 1; $n)
	Use ($counter)
		$counter.n:=$counter.n+1
	End use
End for
