// Loops until $stop is triggered, counting its turns in $state.turns.
#DECLARE($state : Object; $stop : Object)
While (Not($stop.signaled))
	Use ($state)
		$state.turns:=$state.turns+1
	End use
End while
