// Holds $x for a fifth of a second, writes to it, then releases it.
#DECLARE($x : Object; $ready : Object)
Use ($x)
	$ready.trigger()
	DELAY PROCESS(Current process; 12)
	$x.v:="written by "+Current process name
End use
