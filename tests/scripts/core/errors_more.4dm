// More error handling: bare throw re-throws, Error formula, errors inside called methods
// Sources: docs/commands/throw.md, docs/commands-legacy/on-err-call.md
// a bare throw in a method re-throws its errors when the method returns: the caller's Try
// jumps to its Catch (error-handling.md: a called method throwing a deferred error)
Try
	_Rethrow  // expect: the method goes on to its end
	ALERT("not run")
Catch
	ALERT("caller got "+String(Last errors[0].errCode))  // expect: caller got 5
End try
// deferred errors thrown by a called method reach the caller's Catch
Try
	_Defer_two
Catch
	ALERT(String(Last errors.length)+" errors: "+Last errors[0].message+", "+Last errors[1].message)  // expect: 2 errors: first, second
End try
ON ERR CALL("_Show_error")
$x:=[][2]  // handler output follows
// expect: 90023 in errors_more line 18: [][2]
_Fail
// expect: 77 in _Fail line 2: throw(77; "failed in method")
ALERT("back in the caller")  // expect: back in the caller
ON ERR CALL("")
// Last errors is Null when the last statement checked had no error
Try
	$ok:=1
Catch
End try
ALERT(String(Last errors=Null))  // expect: True
// Try(expression) gives the value when there is no error
ALERT(String(Try(6*7)))  // expect: 42
// an error inside the Catch block goes to the caller's handling
Try
	Try
		throw(1; "first")
	Catch
		throw(2; "from catch")
	End try
Catch
	ALERT("second "+Last errors[Last errors.length-1].message)  // expect: second from catch
End try
// a syntax error in code given as text at run time is a runtime error: the ON ERR CALL handler sees it
handled:=""
ON ERR CALL("_Handler")
EXECUTE FORMULA("1+")
ALERT(handled)  // expect: 90001 in errors_more line 1
handled:=""
$f:=Formula from string("((")
ALERT(handled)  // expect: 90001 in errors_more line 1
ON ERR CALL("")
Try
	EXECUTE FORMULA("$x:=")
Catch
	ALERT(String(Last errors[0].errCode))  // expect: 90001
End try
