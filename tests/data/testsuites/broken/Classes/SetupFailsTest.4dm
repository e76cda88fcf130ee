Function setup()
	ASSERT(False; "setup cannot work")

Function test_one()
	ALERT("not run")

// #tags: skip
Function test_two()
	ALERT("not run")
