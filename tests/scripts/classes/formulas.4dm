// Formula objects: Formula, Formula from string, call, apply, source, This binding
$f:=Formula($1+$2)
ALERT(String($f.call(Null; 1; 2)))  // expect: 3
ALERT(String($f.apply(Null; [10; 20])))  // expect: 30
ALERT(String($f(4; 5)))  // expect: 9
ALERT($f.source)  // expect: $1+$2
ALERT(String(Value type($f)=Is object))  // expect: True
$u:=Formula(Uppercase($1))
ALERT($u.call(Null; "hello"))  // expect: HELLO
$t:=Formula($1+" "+$2)
ALERT($t.call(Null; "Hello"; "World"))  // expect: Hello World
// This: the object the formula is called on, or thisObj of call/apply
$o:=New object("value"; 50)
$double:=Formula(This.value*2)
ALERT(String($double.call($o)))  // expect: 100
$o.double:=$double
ALERT(String($o.double()))  // expect: 100
ALERT(String($o["double"]()))  // expect: 100
$robot:=New object("name"; "Robot"; "price"; 543; "quantity"; 2)
$calc:=Formula(This.total:=This.price*This.quantity)
$calc.apply($robot)
ALERT(String($robot.total))  // expect: 1086
// a formula called without an object has This = Null
$who:=Formula(This=Null)
ALERT(String($who()))  // expect: True
// locals are captured when the formula is created
$x:=10
$add:=Formula($x+$1)
$x:=20
ALERT(String($add(1)))  // expect: 11
// Formula from string: parsed when created, no captured locals
$h:=Formula from string("$1*2")
ALERT(String($h.call(Null; 21)))  // expect: 42
ALERT($h.source)  // expect: $1*2
$s:=Formula from string("Length($1)")
ALERT(String($s.call(Null; "four")))  // expect: 4
// Formula(MethodName): parameters are forwarded to the method, This is the owner
$person:=New object("firstName"; "John"; "lastName"; "Smith")
$person.greeting:=Formula(Greeting)
ALERT($person.greeting("hello"))  // expect: hello John Smith
ALERT($person.greeting("hi"))  // expect: hi John Smith
// formulas in collections
$ops:=[Formula($1+$2); Formula($1*$2)]
ALERT(String($ops[0](3; 4))+" "+String($ops[1](3; 4)))  // expect: 7 12
// class functions are 4D.Function objects
$g:=cs.Greeter.new("Hi")
$fn:=$g.greet
ALERT(String(OB Class($fn).name))  // expect: Function
ALERT($fn.call($g; "Ann"; 1))  // expect: Hi Ann!
ALERT($fn.call(cs.Greeter.new("Bye"); "Ann"; 1))  // expect: Bye Ann!
ALERT($fn.apply($g; ["Bo"; 2]))  // expect: Hi Bo!Hi Bo!
ALERT(String($g.greet=cs.Greeter.new("x").greet))  // expect: True
// a formula made inside a class function captures its locals, This comes from the call
$mf:=$g.makeFormula()
ALERT($mf.call($g; "there"))  // expect: Hi there
$other:=New object("greeting"; "Yo"; "f"; $mf)
ALERT($other.f("man"))  // expect: Yo man
// errors
$n:=5
$r:=$n()  // expect error: cannot be called
$r:=$o.value()  // expect error: not a function
$r:=$f.apply(Null; "x")  // expect error: collection
$r:=$f.nope()  // expect error: Unknown member function
// an assignment as formula code, also from a string
$setTotal:=Formula from string("This.total:=This.price*This.quantity")
$feta:=New object("name"; "Feta"; "price"; 12.5; "quantity"; 5)
$setTotal.apply($feta)
ALERT(String($feta.total))  // expect: 62.5
$n:=3
$setV:=Formula($1.v:=$n)
$target:={}
$setV.call(Null; $target)
ALERT(String($target.v))  // expect: 3
// formula.md example 6: formulas stored in objects, called with object notation
$feta2:=New object("name"; "Feta"; "price"; 12.5; "quantity"; 5)
$feta2.calc:=$calc
$feta2.calc()
ALERT(JSON Stringify($feta2))  // expect: {"name":"Feta","price":12.5,"quantity":5,"calc":"[object Formula]","total":62.5}
// formula.md example 2: local values are copied when the formula is created
$value:=10
$of:=New object("f"; Formula($value))
$value:=20
ALERT(String($of.f()))  // expect: 10
// FunctionClass.md: object functions, brackets, apply() without parameters, $1/$2 order
$fo:=New object
$fo.message:=Formula(ALERT("Hello world"))
$fo.message()  // expect: Hello world
$fo["message"]()  // expect: Hello world
$fo.message.apply()  // expect: Hello world
$msg:=$fo.message
$msg.call()  // expect: Hello world
$fo.message:=Formula(ALERT("Hello "+$2+", "+$1))
$fo.message("John"; "Smith")  // expect: Hello Smith, John
$sum3:=Formula($1+$2+$3)
ALERT(String($sum3.apply(Null; New collection(10; 20; 30))))  // expect: 60
ALERT(String(Formula(1+2).call(New object)))  // expect: 3
// a formula is an expression: `=` compares, even with a property on its left
$isOne:=Formula from string("This.a = 1")
ALERT(String($isOne.call(New object("a"; 1)))+" "+String($isOne.call(New object("a"; 2))))  // expect: True False
