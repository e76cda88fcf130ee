// Misuse of classes raises the errors 4D documents
$o:=cs.BadThis.new()  // expect error: -10743
$o:=cs.NoSuper.new()  // expect error: -10748
$o:=cs.TwiceSuper.new()  // expect error: -10746
Super(1)  // expect error: -10746
$h:=cs.Helper.new()
$h.misuse()  // expect error: -10746
$x:=Super.f()  // expect error: -10746
$o:=cs.TwoCtors.new()  // expect error: 90090
$o:=cs.Clash.new()  // expect error: 90090
$o:=cs.Orphan.new()  // expect error: 90090
$o:=cs.CycleA.new()  // expect error: 90090
$p:=cs.Person.new("a"; "b")
$p.unknown()  // expect error: Unknown member function "unknown"
$o:=cs.Person.new(1; 2)  // expect error: 90012
$g:=cs.Greeter.new("Hi")
$r:=$g.greet("x"; "many")  // expect error: 90012
$o:=cs.NoSuchClass.new()  // expect error: 90022
$p.age:=1
$p.age()  // expect error: not a function
ALERT("still running")  // expect: still running
// a parameter typed with a class accepts instances of the class and of its subclasses
ALERT($g.greetPerson(cs.Person.new("Ann"; "Lee")))  // expect: Hi Ann
ALERT($g.greetPerson(cs.Student.new("Bob"; "Lee"; "MIT")))  // expect: Hi Bob
ALERT($g.greetPerson(Null))  // expect: Hi nobody
$r:=$g.greetPerson({firstName: "Zed"})  // expect error: a cs.Person was expected
$r:=$g.greetPerson(cs.Greeter.new("x"))  // expect error: 90012
