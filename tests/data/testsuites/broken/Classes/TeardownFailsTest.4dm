Function test_ok()
	ALERT("ok")

Function teardown()
	throw(7; "teardown failed")
