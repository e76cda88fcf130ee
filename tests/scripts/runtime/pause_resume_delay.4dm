// RESUME PROCESS then at once DELAY PROCESS: the child wakes, is delayed, then goes on (never interrupted).
var $round; $alive; $i : Integer
$alive:=0
For ($round; 1; 30)
	$state:=New shared object("turns"; 0)
	$stop:=New signal
	$p:=New process("_rt_spin"; 0; "spinner"; $state; $stop)
	PAUSE PROCESS($p)
	_rt_wait_state($p; Paused)
	RESUME PROCESS($p)
	DELAY PROCESS($p; 2)
	$turns:=$state.turns
	$i:=0
	While (($state.turns=$turns) & ($i<600) & (Process state($p)>=0))
		DELAY PROCESS(Current process; 1)
		$i:=$i+1
	End while
	$alive:=$alive+Num($state.turns>$turns)
	$stop.trigger()
	_rt_wait_ended(New collection($p))
End for
ALERT(String($alive))  // expect: 30
