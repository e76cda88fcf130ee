// Text operators and comparisons. Source: docs/Concepts/dt_string.md
ALERT("abc"+"def")  // expect: abcdef
ALERT("ab"*3)  // expect: ababab
ALERT("["+("ab"*0)+"]")  // expect: []
ALERT(String("abc"="abc"))  // expect: True
ALERT(String("abc"="abd"))  // expect: False
ALERT(String("abc"#"abd"))  // expect: True
ALERT(String("abd">"abc"))  // expect: True
ALERT(String("abc">"abc"))  // expect: False
ALERT(String("abc"<"abd"))  // expect: True
ALERT(String("abc">="abd"))  // expect: False
ALERT(String("abd"<="abc"))  // expect: False
// case- and accent-insensitive
ALERT(String("a"="A"))  // expect: True
ALERT(String("n"="ñ"))  // expect: True
ALERT(String("n"="Ñ"))  // expect: True
ALERT(String("A"="å"))  // expect: True
ALERT(String("Élan"="elan"))  // expect: True
ALERT(String(Character code("A")=Character code("a")))  // expect: False
// @ wildcard in the right operand
ALERT(String("abcdefghij"="abc@"))  // expect: True
ALERT(String("abc@"="abcdefghij"))  // expect: False
ALERT(String("abcdefghij"="abcdefghij@"))  // expect: True
ALERT(String("abcdefghij"="@abcdefghij"))  // expect: True
ALERT(String("abcdefghij"="abcd@efghij"))  // expect: True
ALERT(String("abcdefghij"="@abcdefghij@"))  // expect: True
ALERT(String("abcdefghij"="@abcde@fghij@"))  // expect: True
ALERT(String("abcdefghij"="abc@@fg"))  // expect: False
ALERT(String("abcdefghij"="ABC@"))  // expect: True
ALERT(String("abcdefghij"#"xyz@"))  // expect: True
ALERT(String(""="@"))  // expect: True
// ordering with a single trailing @
ALERT(String("abcd"<="abc@"))  // expect: True
ALERT(String("abcd">"abc@"))  // expect: False
ALERT(String("abd">"abc@"))  // expect: True
// % keyword operator
ALERT(String("Alpha Bravo"%"Bravo"))  // expect: True
ALERT(String("Alpha Bravo"%"ravo"))  // expect: False
ALERT(String("Alpha Bravo Charlie"%"vo"))  // expect: False
ALERT(String("Alpha Bravo Charlie"%"Alpha Bravo"))  // expect: False
ALERT(String("Alpha,Bravo,Charlie"%"Alpha"))  // expect: True
ALERT(String("Software and Computers"%"comput@"))  // expect: True
ALERT(String("Alpha-Bravo"%"bravo"))  // expect: True
// escapes
ALERT("a\tb")  // expect: a	b
ALERT("say \"hi\"")  // expect: say "hi"
ALERT("back\\slash")  // expect: back\slash
ALERT(String(Length("a\nb")))  // expect: 3
// character reference [[ ]] (1-based, assignable)
$t:="hello"
ALERT($t[[1]])  // expect: h
ALERT($t[[Length($t)]])  // expect: o
$t[[1]]:=Uppercase($t[[1]])
ALERT($t)  // expect: Hello
$x:="abc"+1  // expect error: 90010
$b:="abc"<1  // expect error: 90010
// numbers are words as a whole, decimal symbol included (dt_string.md, Keywords)
ALERT(String("Price 12.5 EUR"%"12.5"))  // expect: True
ALERT(String("Price 12.5 EUR"%"12"))  // expect: False
