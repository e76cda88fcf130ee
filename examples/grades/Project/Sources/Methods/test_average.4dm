// A test method that receives the test context: failed assertions are all reported.
#DECLARE($t : cs.Testing)

$t.assert.areEqual($t; 0; Mean_mark([]); "no marks")
$t.assert.areEqual($t; 12; Mean_mark([10; 14]); "two marks")
$t.assert.areEqual($t; 13; Mean_mark([12; 13; 14]); "three marks")
