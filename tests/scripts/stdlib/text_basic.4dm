// Length, Substring, Insert/Delete/Change string, case, Char, Character code, Trim
ALERT(String(Length("Willow")))  // expect: 6
ALERT(String(Length("")))  // expect: 0
ALERT(Substring("08/04/62";4;2))  // expect: 04
ALERT(Substring("Emergency";1;6))  // expect: Emerge
ALERT(Substring("Emergency";7))  // expect: ncy
ALERT("["+Substring("abc";5)+"]")  // expect: []
ALERT(Substring("abcdef";4;10))  // expect: def
ALERT("["+Substring("abc";2;0)+"]")  // expect: []
// Insert string (docs/commands/insert-string.md)
ALERT(Insert string("The tree";" green";4))  // expect: The green tree
ALERT(Insert string("Shut";"o";3))  // expect: Shout
ALERT(Insert string("Indention";"  ";1))  // expect:   Indention
ALERT(Insert string("abc";"X";10))  // expect: abcX
ALERT(Insert string("abc";"X";0))  // expect: Xabc
// Delete string (docs/commands/delete-string.md)
ALERT(Delete string("Lamborghini";6;6))  // expect: Lambo
ALERT(Delete string("Indentation";6;2))  // expect: Indention
ALERT(Delete string("abc";10;2))  // expect: abc
ALERT(Delete string("abc";2;0))  // expect: abc
ALERT(Delete string("abcdef";2;100))  // expect: a
// Change string (docs/commands/change-string.md)
ALERT(Change string("Acme";"CME";2))  // expect: ACME
ALERT(Change string("November";"Dec";1))  // expect: December
ALERT(Change string("abc";"";1))  // expect: abc
ALERT(Change string("abc";"XYZW";2))  // expect: aXY
ALERT(Change string("abc";"X";0))  // expect: abc
ALERT(Change string("abc";"X";4))  // expect: abc
// Uppercase / Lowercase (docs: accents are lost unless *)
ALERT(Uppercase("hélène"))  // expect: HELENE
ALERT(Uppercase("hélène";*))  // expect: HÉLÈNE
ALERT(Lowercase("HÉLÈNE";*))  // expect: hélène
ALERT(Lowercase("HÉLÈNE"))  // expect: helene
ALERT(Uppercase("abc123"))  // expect: ABC123
ALERT(Lowercase("MiXeD"))  // expect: mixed
// Char and Character code
ALERT(Char(65)+Char(66))  // expect: AB
ALERT(String(Character code("A")))  // expect: 65
ALERT(String(Character code("a")))  // expect: 97
ALERT(String(Character code("A")=Character code("a")))  // expect: False
ALERT(String(Character code("")))  // expect: 0
ALERT(String(Length(Char(Tab:K15:37))))  // expect: 1
ALERT(String(Character code(Char(9))))  // expect: 9
// Trim
ALERT("["+Trim("  padded  ")+"]")  // expect: [padded]
// constants for control characters
ALERT(String(Carriage return)+" "+String(Line feed)+" "+String(Tab)+" "+String(Space))  // expect: 13 10 9 32
ALERT(String(Character code(Char(Carriage return))))  // expect: 13
ALERT(String(Length("a"+Char(Line feed)+"b")))  // expect: 3
// text operators with commands
ALERT("ab"*3)  // expect: ababab
ALERT(String(Length("ab"*0)))  // expect: 0
