// A test method: its name starts with test_, and ASSERT stops it at the first wrong result.
// #tags: unit, grades
ASSERT(Letter_grade(20)="A")
ASSERT(Letter_grade(16)="A")
ASSERT(Letter_grade(15.5)="B")
ASSERT(Letter_grade(12)="C")
ASSERT(Letter_grade(10)="D")
ASSERT(Letter_grade(9.99)="F"; "just under 10 is a fail")
