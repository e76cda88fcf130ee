// A counter in Storage updated by several processes at the same time.
// Without Use the writes would be refused; with it no update is lost.

Use (Storage)
	Storage.counter:=New shared object("value"; 0)
End use

var $finished : Object
$finished:=New shared object("count"; 0)
var $i : Integer
For ($i; 1; 6)
	New process("Count_up"; 0; "counter "+String($i); 1000; $finished)
End for

// Wait for the six processes (DELAY PROCESS counts in ticks of 1/60 s).
While ($finished.count<6)
	DELAY PROCESS(Current process; 1)
End while

ALERT("6 processes x 1000 increments = "+String(Storage.counter.value))

// Writing outside Use is an error, caught here with Try.
Try
	Storage.counter.value:=0
Catch
	ALERT("error "+String(Last errors[0].errCode)+": "+Last errors[0].message)
End try
