// Text comparison ignores the characters ICU collation ignores: control and format characters.
// Source: kb.4d.com 75170 ("A"+Char(0)+"B" = "A"+Char(3)+"B" is True since 4D v11: such characters
// are excluded from the comparison) and docs/Concepts/dt_string.md (comparisons use the collation).
ALERT(String(Char(1)=""))  // expect: True
ALERT(String(""=Char(1)))  // expect: True
ALERT(String(("A"+Char(0)+"B")=("A"+Char(3)+"B")))  // expect: True
ALERT(String(("a"+Char(1)+"b")="AB"))  // expect: True
ALERT(String(("ab"+Char(0x200B))="ab"))  // expect: True
ALERT(String(Char(1)#""))  // expect: False
ALERT(String(("x"+Char(1))<"x"))  // expect: False
ALERT(String(("x"+Char(1))<="x"))  // expect: True
// white space is not ignorable
ALERT(String(Char(9)=""))  // expect: False
ALERT(String(Char(13)=""))  // expect: False
ALERT(String(" "=""))  // expect: False
// the characters stay in the text
ALERT(String(Length("a"+Char(1)+"b")))  // expect: 3
ALERT(String(Position(Char(1); "a"+Char(1)+"b"; *)))  // expect: 2
// with the wildcard
ALERT(String(("a"+Char(1)+"bc")="ab@"))  // expect: True
$c:=["a"+Char(1); "b"]
ALERT(String($c.indexOf("a")))  // expect: 0
// `@@` never matches, even a text that is written the same
ALERT(String("abc@@"="abc@@"))  // expect: False
$t:="abc@@"
ALERT(String($t="abc@@"))  // expect: False
ALERT(String($t#"abc@@"))  // expect: True
