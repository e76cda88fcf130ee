// Catches an error, then re-throws it (deferred) to the caller with a bare throw
Try
	throw(5; "inner")
Catch
	throw
End try
ALERT("the method goes on to its end")
