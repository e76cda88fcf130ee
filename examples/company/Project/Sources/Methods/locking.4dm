// locking: a record loaded read/write is locked for the other processes.
READ WRITE([Employee])
QUERY([Employee];[Employee]ID=1)
ALERT("main process holds "+[Employee]firstName+" "+[Employee]lastName)
$p:=New process("_try_to_edit"; 0; "Editor")
While (Process state($p)>=0)
	DELAY PROCESS(Current process; 1)
End while
ALERT("editor saw: "+<>report)
UNLOAD RECORD([Employee])
$p:=New process("_try_to_edit"; 0; "Editor again")
While (Process state($p)>=0)
	DELAY PROCESS(Current process; 1)
End while
ALERT("after UNLOAD RECORD, editor saw: "+<>report)
ALERT("name now: "+ds.Employee.get(1).firstName)
