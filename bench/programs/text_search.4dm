// bench: n=20000 quick=2000
// Text building and searching: String, concatenation, Position, Replace string, Substring, Length.
#DECLARE($n : Integer)
var $i; $k; $p; $hits; $chars : Integer
var $line; $all : Text
$hits:=0
$chars:=0
$all:=""
For ($i; 1; $n)
	$line:=""
	For ($k; 1; 8)
		$line:=$line+"w"+String(($i+$k)%97)+" "
	End for
	$p:=Position("w42 "; $line)
	While ($p>0)
		$hits:=$hits+1
		$p:=Position("w42 "; $line; $p+1)
	End while
	$line:=Replace string($line; "w1"; "x")
	$chars:=$chars+Length($line)
	If ($i%100=0)
		$all:=$all+Substring($line; 1; 10)
	End if
End for
ALERT(String($hits)+" "+String($chars)+" "+String(Length($all)))
