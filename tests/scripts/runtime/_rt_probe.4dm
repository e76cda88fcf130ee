// Reports what a new process sees: its copy of a standard object, the shared one, process and interprocess variables.
#DECLARE($std : Object; $shared : Object; $done : Object)
$std.touched:=True
pv:="child"
Use ($shared)
	$shared.std_touched:=Bool($std.touched)
	$shared.pv:=pv
	$shared.ipv:=<>ipv
	$shared.name:=Current process name
	$shared.number:=Current process
	$shared.session:=Session.id
End use
<>ipv:="set by child"
$done.trigger()
