// Tests of the Gradebook class: the class name ends with Test, each test function starts with test_.
property book : cs.Gradebook

Class constructor()

// beforeEach runs before every test: each test starts from the same book.
Function beforeEach()
	This.book:=cs.Gradebook.new("Algebra")
	This.book.add("Ann"; 17)
	This.book.add("Bob"; 9)

// #tags: unit
Function test_average($t : cs.Testing)
	$t.assert.areEqual($t; 13; This.book.average(); "average of 17 and 9")

// #tags: unit
Function test_best($t : cs.Testing)
	$t.assert.areEqual($t; "Ann"; This.book.best().name)
	This.book.add("Chloe"; 18)
	$t.assert.areEqual($t; "Chloe"; This.book.best().name; "a better mark wins")

// #tags: unit
Function test_empty_book($t : cs.Testing)
	var $empty : cs.Gradebook
	$empty:=cs.Gradebook.new("History")
	$t.assert.isNull($t; $empty.best())
	$t.assert.areEqual($t; 0; $empty.average())

// #tags: unit, errors
Function test_mark_out_of_range($t : cs.Testing)
	var $message : Text
	Try
		This.book.add("Dan"; 21)
	Catch
		$message:=Last errors[0].message
	End try
	$t.assert.areEqual($t; "A mark is between 0 and 20"; $message)
	$t.assert.areEqual($t; 2; This.book.students.length; "nothing was added")

// #tags: unit
Function test_students_as_data($t : cs.Testing)
	$t.assert.areDeepEqual($t; [{name: "Ann"; mark: 17}; {name: "Bob"; mark: 9}]; This.book.students)
	$t.assert.contains($t; This.book.students.extract("name"); "Bob")
