// Adds 1 to Storage.counter.value $n times, each time inside Use...End use.
#DECLARE($n : Integer)
var $i : Integer
For ($i; 1; $n)
	Use (Storage.counter)
		Storage.counter.value:=Storage.counter.value+1
	End use
End for
