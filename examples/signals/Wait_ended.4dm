// Returns when process $p has ended.
#DECLARE($p : Integer)
While (Process state($p)>=0)
	DELAY PROCESS(Current process; 1)
End while
