// The class report: run it with `mini4d run examples/grades --startup-method main`.
var $book : cs.Gradebook
$book:=cs.Gradebook.new("Algebra")
$book.add("Ann"; 17)
$book.add("Bob"; 11.5)
$book.add("Chloe"; 14)

var $student : Object
For each ($student; $book.students)
	ALERT($student.name+": "+String($student.mark)+" ("+Letter_grade($student.mark)+")")
End for each 
ALERT("Average:"+Char(13)+String(Round($book.average(); 2)))
ALERT("Best: "+$book.best().name)
