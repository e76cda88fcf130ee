// Class objects: name, superclass, new, isShared, isSingleton, isSessionSingleton, me
ALERT(cs.Person.name)  // expect: Person
ALERT(cs.Student.superclass.name)  // expect: Person
ALERT(cs.Person.superclass.name)  // expect: Object
ALERT(String(cs.Person.superclass.superclass=Null))  // expect: True
ALERT(String(cs.Person.isShared)+" "+String(cs.Person.isSingleton)+" "+String(cs.Person.isSessionSingleton))  // expect: False False False
ALERT(String(cs.Counter.isShared)+" "+String(cs.Counter.isSingleton))  // expect: True False
ALERT(String(cs.ProcessTag.isShared)+" "+String(cs.ProcessTag.isSingleton))  // expect: False True
ALERT(String(cs.AppConfig.isShared)+" "+String(cs.AppConfig.isSingleton))  // expect: True True
ALERT(String(cs.SessionTag.isSessionSingleton)+" "+String(cs.SessionTag.isSingleton)+" "+String(cs.SessionTag.isShared))  // expect: True True True
ALERT(String(Undefined(cs.Person.me)))  // expect: True
ALERT(String(Undefined(cs.NoSuchClass)))  // expect: True
// a class object in a variable
var $class : Object
$class:=cs.Greeter
$g:=$class.new("Yo")
ALERT($g.greet("Max"; 1))  // expect: Yo Max!
// new without () is a 4D.Function
$make:=cs.Greeter.new
ALERT($make.call(Null; "Hey").greet("Zoe"; 1))  // expect: Hey Zoe!
// OB Class and OB Instance of
$s:=cs.Student.new("Al"; "Bo"; "MIT")
ALERT(OB Class($s).name)  // expect: Student
ALERT(String(OB Class($s)=cs.Student))  // expect: True
ALERT(String(OB Instance of($s; cs.Student)))  // expect: True
ALERT(String(OB Instance of($s; cs.Person)))  // expect: True
ALERT(String(OB Instance of($s; 4D.Object)))  // expect: True
ALERT(String(OB Instance of($s; cs.Greeter)))  // expect: False
ALERT(String(OB Instance of(cs.Person.new("a"; "b"); cs.Student)))  // expect: False
ALERT(OB Class({a: 1}).name)  // expect: Object
ALERT(String(OB Instance of({a: 1}; 4D.Object)))  // expect: True
ALERT(String(OB Instance of({a: 1}; cs.Person)))  // expect: False
ALERT(String(OB Class(Formula(1)).name))  // expect: Function
ALERT(String(OB Class(cs.Person).name))  // expect: Class
ALERT(String(OB Class(Null)=Null))  // expect: True
ALERT(String(OB Class(12)=Null))  // expect: True
$b:=OB Instance of($s; "Person")  // expect error: -10745
$b:=OB Instance of($s; {})  // expect error: -10745
// class objects are read-only
cs.Person.name:="X"  // expect error: read-only
ALERT(cs.Person.name)  // expect: Person
// A class object is a shared object (docs/Concepts/classes.md, "Class object"); its instances
// are standard objects unless the class is shared.
ALERT(String(OB Is shared(cs.Greeter)))  // expect: True
ALERT(String(OB Is shared(4D.File)))  // expect: True
ALERT(String(OB Is shared(cs.Greeter.new())))  // expect: False
ALERT(String(OB Is shared(cs)))  // expect: False
