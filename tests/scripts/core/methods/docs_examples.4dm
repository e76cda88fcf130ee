// The examples of versioned_docs/version-21/Concepts/parameters.md
ALERT(_MySum("000"; 1; 2; 200))  // expect: 203
ALERT(String(_SumNumbers))  // expect: 0
ALERT(String(_SumNumbers(1; 2; 3; 4; 5)))  // expect: 15
$total3:=_SumNumbers(1; 2; "hello"; 4; 5)  // expect error: 90012
ALERT(String(_GetValue_a))  // expect: 20
ALERT(String(_GetValue_b))  // expect: 10
_Foo("hello"; "world"; !2021-01-01!; 42; ?12:00:00?)
// expect: param 1 = hello
// expect: param 2 = world
// expect: param 3 = 01/01/2021
// expect: param 4 = 42
// expect: param 5 = 12:00:00
var $person : Object
$person:=New object("Name"; "Smith"; "Age"; 40)
_ChangeAge($person)  // expect: 50
ALERT(String($person.Age))  // expect: 50
$name:="williams"
_Do_something($name)  // expect: WILLIAMS
ALERT($name)  // expect: williams
ALERT("["+_Concate("Hello")+"]")  // expect: [Hello ]
ALERT("["+_Concate+"]")  // expect: [ ]
// wrong parameter type (docs: method1(42) with a Text parameter)
_Do_something(42)  // expect error: 90012
