// Not a test class (its name does not end with Test): its test_ functions run in DerivedTest.
Function kind() : Text
	return "derived"

Function test_inherited($t : cs.Testing)
	$t.assert.isNotNull($t; This)
