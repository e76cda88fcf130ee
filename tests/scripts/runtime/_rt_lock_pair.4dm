// Holds $first, says so on $ready, then takes $second as well (blocks while another process holds it).
#DECLARE($first : Object; $second : Object; $ready : Object)
Use ($first)
	$ready.trigger()
	Use ($second)
		$second.by:=Current process name
	End use
End use
