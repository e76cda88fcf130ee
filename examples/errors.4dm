// errors.4dm — handling errors.
// Teaches: Try...Catch...End try, Try(expression), throw with a code or an object,
// {placeholders} in messages, Last errors, and ASSERT.
Try
	$c:=[1; 2; 3]
	$x:=$c[10]
	ALERT("not reached")
Catch
	ALERT("caught error "+String(Last errors[0].errCode)+": "+Last errors[0].message)
End try
Try
	throw({errCode: 100; message: "Customer {id} not found"; id: 42})
Catch
	ALERT("caught "+String(Last errors[0].errCode)+": "+Last errors[0].message)
End try
$value:=Try(JSON Parse("{not json"))
ALERT("Try() gives undefined on error: "+String(Undefined($value)))
Try
	ASSERT(1+1=3; "arithmetic is broken")
Catch
	ALERT(String(Last errors[0].errCode)+" "+Last errors[0].message)
End try
ALERT("the program goes on")
