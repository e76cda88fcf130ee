Class extends BaseCase

Function test_own($t : cs.Testing)
	$t.assert.areEqual($t; "derived"; This.kind())
