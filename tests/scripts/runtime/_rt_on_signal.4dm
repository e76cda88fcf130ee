// Waits for $go, then stores 42 on $done and triggers it.
#DECLARE($go : Object; $done : Object)
If ($go.wait(20))
	Use ($done)
		$done.result:=42
	End use
End if
$done.trigger()
