// Pointers to variables, arrays, elements; equality; RESOLVE POINTER
$x:="Hello"
$p:=->$x
LOG EVENT(Into system standard outputs; $p->)  // expect: Hello
$p->:="Goodbye"
LOG EVENT(Into system standard outputs; $x)  // expect: Goodbye
$q:=->$x
LOG EVENT(Into system standard outputs; String($p=$q))  // expect: True
$y:=1
LOG EVENT(Into system standard outputs; String($p=->$y))  // expect: False
LOG EVENT(Into system standard outputs; String($p#->$y))  // expect: True
// Pointer to a pointer needs parentheses to dereference twice
$pp:=->$p
($pp->)->:="again"
LOG EVENT(Into system standard outputs; ($pp->)->)  // expect: again
// Arrays through pointers
ARRAY TEXT($arr; 2)
$pa:=->$arr
$pa->{1}:="one"
APPEND TO ARRAY($pa->; "three")
LOG EVENT(Into system standard outputs; $arr{1}+" "+String(Size of array($pa->))+" "+$pa->{3})  // expect: one 3 three
SORT ARRAY($pa->; <)
LOG EVENT(Into system standard outputs; $arr{1})  // expect: three
$pe:=->$arr{2}
$pe->:="two"
LOG EVENT(Into system standard outputs; $arr{2})  // expect: two
// Objects and collections through pointers
$o:=New object("a"; 1)
$po:=->$o
$po->a:=2
$po->b:="x"
LOG EVENT(Into system standard outputs; String($o.a)+$po->b+String($po->["a"]))  // expect: 2x2
$c:=New collection(10; 20)
$pc:=->$c
LOG EVENT(Into system standard outputs; String($pc->[1]))  // expect: 20
// Nil pointers
var $nil : Pointer
LOG EVENT(Into system standard outputs; String(Is nil pointer($nil)))  // expect: True
LOG EVENT(Into system standard outputs; String(Is nil pointer($p)))  // expect: False
$v:=$nil->  // expect error: Nil pointer
// Process and interprocess variables, Get pointer, RESOLVE POINTER
gCount:=1
$pg:=Get pointer("gCount")
$pg->:=$pg->+41
LOG EVENT(Into system standard outputs; String(gCount))  // expect: 42
LOG EVENT(Into system standard outputs; String($pg=->gCount))  // expect: True
RESOLVE POINTER($pg; $name; $t; $f)
LOG EVENT(Into system standard outputs; $name+" "+String($t)+" "+String($f))  // expect: gCount -1 -1
ARRAY TEXT(atCities; 3; 5)
atCities{1}{5}:="Paris"
$city:=->atCities{1}{5}
RESOLVE POINTER($city; $name; $t; $f)
LOG EVENT(Into system standard outputs; $name+" "+String($t)+" "+String($f)+" "+$city->)  // expect: atCities 1 5 Paris
$pt:=->atCities{2}
RESOLVE POINTER($pt; $name; $t; $f)
LOG EVENT(Into system standard outputs; $name+" "+String($t)+" "+String($f))  // expect: atCities 2 -1
RESOLVE POINTER($nil; $name; $t; $f)
LOG EVENT(Into system standard outputs; "["+$name+"] "+String($t)+" "+String($f))  // expect: [] 0 0
<>shared:="s"
$pi:=->◊shared
LOG EVENT(Into system standard outputs; $pi->)  // expect: s
// A pointer to a table can be made, not dereferenced
$ptab:=->[Customers:3]Name:2
RESOLVE POINTER($ptab; $name; $t; $f)
LOG EVENT(Into system standard outputs; String($t)+" "+String($f))  // expect: 3 2
$v:=$ptab->  // expect error: no catalog
$bad:=->$o.a  // expect error: can only point to
$v:=$x->  // expect error: needs a pointer
var $tp : Pointer
$tp:=$p
LOG EVENT(Into system standard outputs; String(Type($tp)))  // expect: 23
// Type($ptr->) gives the declared type of the variable the pointer designates
var $typedLong : Integer
var $typedText : Text
$pLong:=->$typedLong
$pText:=->$typedText
C_LONGINT(vTypedLong)
$pProcess:=->vTypedLong
ALERT(String(Type($pLong->))+" "+String(Type($pText->))+" "+String(Type($pProcess->)))  // expect: 9 2 9
ARRAY LONGINT($longs; 2)
ARRAY INTEGER($shorts; 2)
$pLongs:=->$longs
$pElem:=->$longs{1}
ALERT(String(Type($pLongs->))+" "+String(Type($pLongs->{1}))+" "+String(Type($longs{2}))+" "+String(Type($shorts{1}))+" "+String(Type($pElem->)))  // expect: 16 9 9 8 9
