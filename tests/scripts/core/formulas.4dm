// Formula objects. Sources: docs/API/FunctionClass.md, docs/commands/formula.md
$f:=Formula(1+2)
ALERT(String($f.call()))  // expect: 3
ALERT(String($f()))  // expect: 3
$add:=Formula($1+$2)
ALERT(String($add.call(Null; 3; 4)))  // expect: 7
ALERT(String($add.apply(Null; [10; 20])))  // expect: 30
// a formula stored in an object is called as a member function; This is the object
$o:={myFormula: Formula($1+$2); value: 50}
ALERT(String($o.myFormula(1; 2)))  // expect: 3
$double:=Formula(This.value*2)
ALERT(String($double.call($o)))  // expect: 100
ALERT(String($double.apply({value: 4})))  // expect: 8
$o.twice:=$double
ALERT(String($o.twice()))  // expect: 100
$o2:={value: 7; f: $double}
ALERT(String($o2.f()))  // expect: 14
ALERT(String($o["twice"]()))  // expect: 100
// local variables are copied when the formula is created (docs/commands/formula.md)
$value:=10
$g:=Formula($value)
$value:=20
ALERT(String($g.call()))  // expect: 10
// source text
ALERT($add.source)  // expect: $1+$2
// a formula with text
$hello:=Formula("Hello "+This.name)
ALERT($hello.call({name: "Ann"}))  // expect: Hello Ann
// calling a property that is not a function
$p:={n: 1}
$x:=$p.n()  // expect error: 90022
