// Waits until every process number of $procs has ended (state Aborted); gives up after about 20 s.
#DECLARE($procs : Collection)
var $i : Integer
var $busy : Boolean
$i:=0
Repeat
	$busy:=False
	For each ($p; $procs)
		If (Process state($p)>=0)
			$busy:=True
		End if
	End for each
	If ($busy)
		DELAY PROCESS(Current process; 1)
		$i:=$i+1
	End if
Until (Not($busy) | ($i>1200))
