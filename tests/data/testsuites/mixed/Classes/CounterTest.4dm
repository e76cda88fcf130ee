// Passing and failing tests of every kind; the runner's tests read their results.
property log : Collection

Class constructor()
	This.log:=[]

Function setup()
	This.log.push("setup")

Function beforeEach()
	This.log.push("before")

Function afterEach()
	This.log.push("after")

// #tags: unit, fast
Function test_passes($t : cs.Testing)
	$t.assert.areEqual($t; 35; 3+4*5; "left to right")
	$t.assert.areEqual($t; "abc"; "ABC"; "text equality ignores case")
	ALERT("printed by test_passes")

// #tags: unit
Function test_lifecycle_order($t : cs.Testing)
	$t.assert.areDeepEqual($t; ["setup"; "before"; "after"; "before"]; This.log)

Function test_assertion_fails($t : cs.Testing)
	$t.assert.areEqual($t; 5; 2+2; "two and two")
	$t.assert.isTrue($t; False)
	ALERT("still running after a failed assertion")

Function test_assert_command()
	ASSERT(1=2; "one is not two")
	ALERT("never printed")

Function test_unhandled_error()
	var $t : Text
	$t:=Substring("abc"; 1; 1/0)

Function test_error_in_another_process()
	var $p : Integer
	$p:=New process("Fails_in_process"; 0; "worker of a test")

// #tags: slow
Function test_hangs()
	While (True)
	End while 

// #tags: unit, skip
Function test_skipped()
	ASSERT(False)

Function test_fatal_stops($t : cs.Testing)
	$t.fatal()
	ALERT("never printed")

Function test_subtests($t : cs.Testing)
	var $case : Object
	For each ($case; [{in: 1; want: 2}; {in: 2; want: 5}])
		$t.run("double "+String($case.in); Formula($1.assert.areEqual($1; $2.want; $2.in*2)); $case)
	End for each 

// #tags: deep
Function test_stack_overflow()
	Recurse_forever(1)
