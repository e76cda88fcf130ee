// Error handling. Sources: versioned_docs/version-21/Concepts/error-handling.md,
// docs/commands/throw.md, docs/commands/last-errors.md, docs/commands-legacy/assert.md
Try
	throw(123; "my error")
	ALERT("not reached")
Catch
	ALERT("caught "+String(Last errors[0].errCode)+": "+Last errors[0].message)  // expect: caught 123: my error
End try
Try
	$x:=[][3]
Catch
	ALERT("caught index "+String(Last errors[0].errCode))  // expect: caught index 90023
End try
Try
	ALERT("no error")  // expect: no error
Catch
	ALERT("not run")
End try
// throw with an object: custom properties are kept, errCode defaults to -1
Try
	throw({message: "custom"; extra: "yes"})
Catch
	$e:=Last errors[0]
	ALERT(String($e.errCode)+" "+$e.message+" "+$e.extra)  // expect: -1 custom yes
End try
// {placeholder} messages are filled from the object's properties
Try
	throw({errCode: 7; message: "Name {name} is invalid"; name: "Bob"})
Catch
	ALERT(Last errors[0].message)  // expect: Name Bob is invalid
End try
// a code without text
Try
	throw(55)
Catch
	ALERT(Last errors[0].message)  // expect: Error code 55: (host)
End try
// Try(expression)
$r:=Try(1/2)
ALERT(String($r))  // expect: 0.5
$r:=Try([][1])
ALERT(String(Undefined($r)))  // expect: True
ALERT(String(Last errors[0].errCode))  // expect: 90023
// nested Try: the inner Catch handles the error
Try
	Try
		throw(1; "inner")
	Catch
		ALERT("inner catch")  // expect: inner catch
	End try
	throw(2; "outer")
Catch
	ALERT("outer catch "+String(Last errors[Last errors.length-1].errCode))  // expect: outer catch 2
End try
// an error inside a called method is caught by the caller's Try
Try
	$v:=_Fail
Catch
	ALERT("from method: "+Last errors[0].message)  // expect: from method: failed in method
End try
// a deferred error thrown directly in a Try block lets the block finish, then is thrown
// from the end of the block without running its Catch (error-handling.md, Try...Catch)
Try
	throw({errCode: 9; message: "later"; deferred: True})
	ALERT("still in try")  // expect: still in try
Catch
	ALERT("not run")
End try  // expect error: 9: later
// ASSERT raises -10518 with the expression text or the message
ASSERT(1=2)  // expect error: -10518: Assert failed: 1=2
ASSERT(False; "custom message")  // expect error: -10518: Assert failed: custom message
ASSERT(True)
// ON ERR CALL: the handler reads Error, Error method, Error line; execution resumes
ON ERR CALL("_Handler")
throw(42; "handled")
ALERT("resumed after the failing statement")  // expect: resumed after the failing statement
ALERT(String(Error))  // expect: 42
ALERT(handled)  // expect: 42 in errors line 75
$x:=[][0]
ALERT(handled)  // expect: 90023 in errors line 79
ALERT(Method called on error)  // expect: _Handler
ON ERR CALL("")
ALERT("["+Method called on error+"]")  // expect: []
throw(5; "unhandled goes to the test harness")  // expect error: 5: unhandled goes to the test harness
ALERT("end")  // expect: end
