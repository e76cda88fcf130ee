// Tokenized names as stored in exported .4dm files. Source: spec/syntax.md §2.2
// ("Using tokens in formulas", doc.4d.com): commands resolve by number, constants by name.
ALERT(String:C10(3+4))  // expect: 7
ALERT(String:C10(Length:C16("abcd")))  // expect: 4
// commands were renamed over time: the number wins over the name
ALERT(String:C10(Old length name:C16("abc")))  // expect: 3
ALERT(String:C10(Value type:C1509(New object:C1471)))  // expect: 38
ALERT(String:C10(Is text:K8:3))  // expect: 2
ALERT(String:C10(Is real:K8:4))  // expect: 1
ALERT(String:C10(Is collection:K8:32))  // expect: 42
$t:=Value type:C1509("x")=Is text:K8:3
ALERT(String:C10($t))  // expect: True
// a ternary needs a space after ":" so that it is not read as a token
$x:=True ? "yes" : "no"
ALERT($x)  // expect: yes
ALERT:C41("tokenized "+String:C10(Into system standard outputs:K38:9))  // expect: tokenized 6
// plain names keep working, in any case and with repeated spaces
ALERT(string(Length("ab")))  // expect: 2
ALERT(String(Value  type("ab")))  // expect: 2
