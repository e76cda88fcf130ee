// &&, || return one of their operands; truthiness; ternary; & and | evaluate both sides
// Source: docs/Concepts/operators.md (Short-circuit operators, Truthy and falsy)
ALERT("Hello" && "World")  // expect: World
ALERT("" && "World")  // expect: 
ALERT(String(0 && "zero is truthy"))  // expect: zero is truthy
ALERT(String(5 && !00-00-00!))  // expect: 00/00/00
ALERT("" || "n/a")  // expect: n/a
ALERT("x" || "n/a")  // expect: x
$o:=New object("phone"; "555")
ALERT($o.phone || "n/a")  // expect: 555
ALERT($o.fax || "n/a")  // expect: n/a
ALERT(String(Null || 7))  // expect: 7
ALERT(String([] || 1))  // expect: 1
ALERT(String({} || 2))  // expect: 2
ALERT(JSON Stringify([0] || 3))  // expect: [0]
ALERT(String(False || 0))  // expect: 0
ALERT(String(True && False))  // expect: False
// a || b && c means (a || b) && c (same level, left to right)
ALERT(String(True || False && False))  // expect: False
// ternary: only the chosen branch runs
$age:=25
ALERT(($age>=21) ? "Beer" : "Juice")  // expect: Beer
ALERT(($age<21) ? "Beer" : "Juice")  // expect: Juice
ALERT("" ? "yes" : "no")  // expect: no
ALERT(0 ? "yes" : "no")  // expect: yes
ALERT(True ? "a" : (1/0>0) ? "b" : "c")  // expect: a
$null:=Null
$r:=False && $null.x
ALERT(String($r))  // expect: False
$r:=True || $null.x
ALERT(String($r))  // expect: True
$r:=True & $null.x  // expect error: 90020
ALERT(String(Not(True)))  // expect: False
ALERT(String(Not(False)))  // expect: True
