// Adds 1 to the shared counter $n times; each addition is one Use...End use.
#DECLARE($n : Integer; $finished : Object)
var $i : Integer
var $counter : Object
$counter:=Storage.counter
For ($i; 1; $n)
	Use ($counter)
		$counter.value:=$counter.value+1
	End use
End for
Use ($finished)
	$finished.count:=$finished.count+1
End use
