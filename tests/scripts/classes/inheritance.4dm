// Class extends, Super() in constructors, Super.fn() in functions, chains
$s:=cs.Student.new("Al"; "Bo"; "MIT")
ALERT($s.firstName+" "+$s.school)  // expect: Al MIT
ALERT($s.sayHello())  // expect: Hello Al Bo (student) from MIT
ALERT($s.fullName)  // expect: Al Bo (student)
// the parent's setter and functions are inherited
$s.fullName:="Cy Dee"
ALERT($s.lastName)  // expect: Dee
ALERT($s.where())  // expect: Person.where
// parent property initialisers run first, then the child's
ALERT(JSON Stringify($s))  // expect: {"kind":"human","school":"MIT","firstName":"Cy","lastName":"Dee"}
// a child class without constructor passes new() parameters to its parent
$k:=cs.Kid.new("Tim"; "Tam")
ALERT($k.play())  // expect: Tim plays
ALERT($k.sayHello())  // expect: Hello Tim Tam
// legacy $1 parameters and Super($1; $1)
$sq:=cs.Square.new(3)
ALERT($sq.name+" "+String($sq.getArea()))  // expect: Square 9
ALERT($sq.description())  // expect: I have 4 sides which are all equal
$sq.sayName()  // expect: Hi, I am a Square.
// three levels
$c:=cs.ColoredSquare.new(2; "Red")
ALERT(String($c.getArea())+" "+$c.color)  // expect: 4 Red
ALERT($c.description())  // expect: I have 4 sides which are all equal and Red
$c2:=cs.ColoredSquare.new(5)
ALERT($c2.color)  // expect: Blue
ALERT(String(OB Instance of($c2; cs.Rectangle)))  // expect: True
ALERT(cs.ColoredSquare.superclass.superclass.name)  // expect: Rectangle
// a function of a subclass found through the class object
ALERT(cs.Square.description.call($c2))  // expect: I have 4 sides which are all equal
