// bench: n=200000 quick=20000
// Sieve of Eratosthenes over a collection of booleans: element reads and writes.
#DECLARE($n : Integer)
var $flags : Collection
var $i; $count : Integer
var $j : Real
$flags:=New collection
For ($i; 0; $n)
	$flags.push(True)
End for
$count:=0
For ($i; 2; $n)
	If ($flags[$i])
		$count:=$count+1
		$j:=$i*$i
		While ($j<=$n)
			$flags[$j]:=False
			$j:=$j+$i
		End while
	End if
End for
ALERT(String($count))
