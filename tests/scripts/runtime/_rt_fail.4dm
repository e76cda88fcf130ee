// Fails on purpose (an error in a child process), then signals that it went on.
#DECLARE($done : Object)
ASSERT(False; "child failure")
Use ($done)
	$done.after:="continued"
End use
$done.trigger()
