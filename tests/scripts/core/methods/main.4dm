// Methods and parameters: the .4dm files of this folder are project methods
// Source: versioned_docs/version-21/Concepts/parameters.md
ALERT(String(_Add(2; 3)))  // expect: 5
ALERT(_Greet("Ann"))  // expect: Hello Ann
ALERT(String(_Legacy_double(21)))  // expect: 42
ALERT(String(_Sum_all(1; 2; 3; 4)))  // expect: 10
ALERT(String(_Sum_all))  // expect: 0
ALERT(_Describe_defaults)  // expect: [] 0 00/00/00 False True True True
ALERT(_Describe_defaults("x"; 7))  // expect: [x] 7 00/00/00 False True True True
ALERT(String(_Fact(10)))  // expect: 3628800
ALERT(_Count_args("a"))  // expect: 1
ALERT(_Count_args("a"; 42; "more"))  // expect: 3 extra=42
$o:={}
_Touch($o)
ALERT(String($o.touched))  // expect: True
ALERT(String(Undefined(_Nothing)))  // expect: True
ALERT(String(_First_even([3; 5; 8; 10])))  // expect: 8
ALERT(String(_First_even([3; 5])))  // expect: -1
ALERT(String(_Is_even(10)))  // expect: True
ALERT(String(_Is_odd(7)))  // expect: True
ALERT("["+_Bare_return(1)+"]")  // expect: []
ALERT(_Bare_return(-1))  // expect: negative
ALERT(_Make_person("Bob").name)  // expect: Bob
ALERT(String(_Make_person("Bob").tags.length))  // expect: 2
ALERT(_Whoami)  // expect: _Whoami
// method names ignore case
ALERT(_greet("case"))  // expect: Hello case
// Undefined arguments are converted to the declared type's default value
ALERT(_Describe_defaults($o.missing; $o.missing))  // expect: [] 0 00/00/00 False True True True
// a wrong argument type is an error when the method is called
$x:=_Greet(12)  // expect error: 90012
$x:=_Add("1"; 2)  // expect error: 90012
$x:=_Sum_all(1; "two")  // expect error: 90012
// an unknown method
$x:=_No_such_method(1)  // expect error: 90002
ALERT("still running")  // expect: still running
// legacy C_XXX parameters receive an empty value instead of a wrong type
ALERT(_Legacy_typed(12; 3.7))  // expect: []42
ALERT(_Legacy_typed("a"))  // expect: [a]01
// untyped and Variant parameters keep Undefined and Null
ALERT(_Variant_types($o.missing; Null))  // expect: 5 255
ALERT(_Variant_types(1; "x"))  // expect: 1 2
