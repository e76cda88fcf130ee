// Arrays: declaration, elements, element 0, size, typing
ARRAY TEXT($at; 3)
LOG EVENT(Into system standard outputs; String(Size of array($at)))  // expect: 3
$at{1}:="b"
$at{2}:="a"
$at{3}:="c"
$at{0}:="zero"
LOG EVENT(Into system standard outputs; $at{0}+$at{1})  // expect: zerob
LOG EVENT(Into system standard outputs; String(Type($at)))  // expect: 18
ARRAY LONGINT($al; 2)
$al{1}:=2.6
LOG EVENT(Into system standard outputs; String($al{1}))  // expect: 3
LOG EVENT(Into system standard outputs; String(Type($al)))  // expect: 16
ARRAY REAL($ar; 0)
APPEND TO ARRAY($ar; 1.5)
APPEND TO ARRAY($ar; 2)
LOG EVENT(Into system standard outputs; String(Size of array($ar))+" "+String($ar{2}))  // expect: 2 2
ARRAY BOOLEAN($ab; 1)
LOG EVENT(Into system standard outputs; String($ab{1}))  // expect: False
ARRAY DATE($ad; 1)
LOG EVENT(Into system standard outputs; String($ad{1}=!00-00-00!))  // expect: True
$at{1}:=5  // expect error: Text
$x:=$at{4}  // expect error: out of range
$x:=$at{-1}  // expect error: out of range
// Resizing keeps the first elements
ARRAY TEXT($at; 2)
LOG EVENT(Into system standard outputs; String(Size of array($at))+$at{1}+$at{2})  // expect: 2ba
ARRAY TEXT($at; 4)
LOG EVENT(Into system standard outputs; String(Size of array($at))+"["+$at{4}+"]")  // expect: 4[]
// INSERT and DELETE
INSERT IN ARRAY($at; 1; 2)
LOG EVENT(Into system standard outputs; String(Size of array($at))+"["+$at{1}+$at{3}+"]")  // expect: 6[b]
DELETE FROM ARRAY($at; 1; 2)
LOG EVENT(Into system standard outputs; String(Size of array($at))+$at{1})  // expect: 4b
INSERT IN ARRAY($at; 100)
LOG EVENT(Into system standard outputs; String(Size of array($at)))  // expect: 5
// Find in array, with start and wildcard
ARRAY TEXT($names; 0)
APPEND TO ARRAY($names; "Anna")
APPEND TO ARRAY($names; "bob")
APPEND TO ARRAY($names; "Ann")
LOG EVENT(Into system standard outputs; String(Find in array($names; "BOB")))  // expect: 2
LOG EVENT(Into system standard outputs; String(Find in array($names; "zed")))  // expect: -1
LOG EVENT(Into system standard outputs; String(Find in array($names; "ann@"; 2)))  // expect: 3
LOG EVENT(Into system standard outputs; String(Count in array($names; "ann@")))  // expect: 2
// 2-D arrays
ARRAY LONGINT($grid; 2; 3)
$grid{2}{3}:=7
LOG EVENT(Into system standard outputs; String($grid{2}{3})+" "+String(Size of array($grid))+" "+String(Size of array($grid{1})))  // expect: 7 2 3
LOG EVENT(Into system standard outputs; String(Type($grid)))  // expect: 13
$grid{1}{4}:=1  // expect error: out of range
$n:=Size of array($n)  // expect error: needs an array
// Assigning a number to an array selects an element in 4D (list boxes): not supported here
$names:=2  // expect error: Selecting an array element by assigning a number to the array is not supported
$names:="x"  // expect error: Cannot assign a Text value to an array
LOG EVENT(Into system standard outputs; $names{1})  // expect: Anna
// Reading an array as a number (its selected element) is not supported either
$x:=$names{$names}  // expect error: Using an array as a number
$b:=($names#0)  // expect error: Cannot compare Array with Number
// CLEAR VARIABLE on an array removes its elements, the array stays an array
CLEAR VARIABLE($names)
LOG EVENT(Into system standard outputs; String(Size of array($names))+" "+String(Type($names)))  // expect: 0 18
