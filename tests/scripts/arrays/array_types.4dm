// Type() of each kind of array gives its array constant
ARRAY REAL($r; 0)
ARRAY INTEGER($i; 0)
ARRAY DATE($d; 0)
ARRAY PICTURE($pi; 0)
ARRAY POINTER($p; 0)
ARRAY BOOLEAN($b; 0)
ARRAY BLOB($bl; 0)
ARRAY TIME($tm; 0)
ARRAY OBJECT($o; 0)
_O_ARRAY STRING:C218(80; $s; 0)
LOG EVENT(Into system standard outputs; String(Type($r))+" "+String(Type($i))+" "+String(Type($d))+" "+String(Type($pi)))  // expect: 14 15 17 19
LOG EVENT(Into system standard outputs; String(Type($p))+" "+String(Type($b))+" "+String(Type($bl))+" "+String(Type($tm))+" "+String(Type($o))+" "+String(Type($s)))  // expect: 20 22 31 32 39 21
LOG EVENT(Into system standard outputs; String(Real array)+" "+String(Object array)+" "+String(Array 2D))  // expect: 14 39 13
// Time arrays accept numbers (ARRAY TIME docs, example 3)
ARRAY TIME($times; 1)
APPEND TO ARRAY($times; ?01:00:00?+1)
LOG EVENT(Into system standard outputs; String(Size of array($times))+" "+String(Find in array($times; ?01:00:01?)))  // expect: 2 2
// Pointer arrays hold pointers; object arrays hold objects
$x:="pointed"
APPEND TO ARRAY($p; ->$x)
LOG EVENT(Into system standard outputs; $p{1}->)  // expect: pointed
APPEND TO ARRAY($o; New object("n"; 1))
LOG EVENT(Into system standard outputs; String($o{1}.n))  // expect: 1
APPEND TO ARRAY($o; "text")  // expect error: Object
// Integer arrays round, Boolean arrays refuse numbers
APPEND TO ARRAY($i; 2.5)
LOG EVENT(Into system standard outputs; String($i{1}))  // expect: 3
APPEND TO ARRAY($b; 1)  // expect error: Boolean
// Element 0 of a 2-D array is a row too
ARRAY TEXT($grid; 2; 2)
$grid{0}{1}:="zero row"
LOG EVENT(Into system standard outputs; $grid{0}{1}+" "+String(Size of array($grid{0})))  // expect: zero row 2
INSERT IN ARRAY($grid; 1)
LOG EVENT(Into system standard outputs; String(Size of array($grid))+" "+String(Size of array($grid{1})))  // expect: 3 2
