// Trim, Trim start, Trim end (4D 21) and the constants of the "Days and Months" theme.
// Source: docs/commands/trim.md, trim-start.md, trim-end.md ("whitespace includes spaces, tabs, LF,
// CR", after EcmaScript's trim); docs/commands/day-number.md and month-of.md.
var $input : Text
$input:=" Hello World! "
ALERT("["+Trim($input)+"]")  // expect: [Hello World!]
ALERT("["+Trim start($input)+"]")  // expect: [Hello World! ]
ALERT("["+Trim end($input)+"]")  // expect: [ Hello World!]
ALERT("["+Trim start(Char(9)+Char(10)+Char(13)+"x"+Char(9))+"]")  // expect: [x	]
$t:=Trim end(Char(160)+"x"+Char(160)+Char(0x3000))  // no-break and ideographic spaces are white space
ALERT(String(Length($t))+" "+String(Character code($t)))  // expect: 2 160
ALERT("["+Trim("x")+"]")  // expect: [x]
ALERT("["+Trim("   ")+"]")  // expect: []
ALERT(String(Length(Trim start(Char(1)+"x"))))  // expect: 2
ALERT(String(Length(Trim:C1853(" a "))+Length(Trim start:C1854(" a "))+Length(Trim end:C1855(" a "))))  // expect: 5
// months: 1 to 12, as Month of returns them
ALERT(String(January)+" "+String(June)+" "+String(December))  // expect: 1 6 12
ALERT(String(Month of(!2024-12-25!)=December))  // expect: True
ALERT(String(Month of(!2024-02-29!)=February))  // expect: True
// days: Sunday 1 to Saturday 7, as Day number returns them
ALERT(String(Sunday)+" "+String(Monday)+" "+String(Wednesday)+" "+String(Saturday))  // expect: 1 2 4 7
ALERT(String(Day number(!2024-01-01!)=Monday))  // expect: True
ALERT(String(Day number(!2024-06-01!)=Saturday))  // expect: True
ALERT(String(Day number(!2024-06-02!)=Sunday))  // expect: True
// "Day number returns 2 for null dates"
ALERT(String(Day number(!00-00-00!)))  // expect: 2
// tokenized forms
ALERT(String(Monday:K10:13)+String(Saturday:K10:18)+String(Sunday:K10:19)+String(March:K10:3))  // expect: 2713
