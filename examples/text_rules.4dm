// text_rules.4dm — text operators and 4D's comparison rules.
// Teaches: comparisons ignore case and accents; @ is a wildcard in the right operand;
// % searches for a whole word; [[n]] reads or writes one character (1-based).
ALERT("ab"+"cd"+" / "+("ab"*3))
ALERT("\"Hello\"=\"HELLO\" is "+String("Hello"="HELLO"))
ALERT("\"resume\"=\"résumé\" is "+String("resume"="résumé"))
// the wildcard works only on the right side
ALERT("\"Albert\"=\"al@\" is "+String("Albert"="al@"))
ALERT("\"al@\"=\"Albert\" is "+String("al@"="Albert"))
ALERT("\"Albert\"=\"@er@\" is "+String("Albert"="@er@"))
// to compare exactly, compare character codes
ALERT("codes of A and a differ: "+String(Character code("A")#Character code("a")))
// keyword search
ALERT("\"Alpha Bravo Charlie\"%\"bravo\" is "+String("Alpha Bravo Charlie"%"bravo"))
ALERT("\"Alpha Bravo Charlie\"%\"rav\" is "+String("Alpha Bravo Charlie"%"rav"))
// character reference
$name:="mini4d"
$name[[1]]:=Uppercase($name[[1]])
ALERT($name+" starts with "+$name[[1]]+" and ends with "+$name[[Length($name)]])
// escapes: \t tab, \" quote, \\ backslash
ALERT("a\tb \"quoted\" back\\slash")
