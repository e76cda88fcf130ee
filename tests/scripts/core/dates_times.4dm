// Date and time operators. Sources: docs/Concepts/dt_date.md, docs/Concepts/dt_time.md
// String(date) without a format uses the system short date (mini4d: US, MM/DD/YYYY)
$d:=!2006-01-20!
ALERT(String($d))  // expect: 01/20/2006
ALERT(String($d+1))  // expect: 01/21/2006
ALERT(String($d-20))  // expect: 12/31/2005
ALERT(String($d-!2006-01-01!))  // expect: 19
ALERT(String(Value type($d-!2006-01-01!)))  // expect: 1
ALERT(String(!2024-02-28!+1))  // expect: 02/29/2024
ALERT(String(!2023-02-28!+1))  // expect: 03/01/2023
ALERT(String(!2006-01-01!=!2006-01-01!))  // expect: True
ALERT(String(!2006-01-20!>!2006-01-01!))  // expect: True
ALERT(String(!2006-01-20!<=!2006-01-01!))  // expect: False
ALERT(String(!2006/01/21!))  // expect: 01/21/2006
ALERT(String(!00-00-00!=!00-00-00!))  // expect: True
ALERT(String(Year of($d))+"-"+String(Month of($d))+"-"+String(Day of($d)))  // expect: 2006-1-20
$x:=!2006-01-01!+!2006-01-02!  // expect error: 90010
$x:=!2006-01-01!*2  // expect error: 90010
// Time + Time is a Time; Time + Number is a Number (seconds)
ALERT(String(?02:03:04?+?01:02:03?))  // expect: 03:05:07
ALERT(String(?02:03:04?-?01:02:04?))  // expect: 01:01:00
ALERT(String(?02:03:04?+1000))  // expect: 8384
ALERT(String(?02:03:04?-1000))  // expect: 6384
ALERT(String(?02:03:04?*2))  // expect: 14768
ALERT(String(?02:03:04?/2))  // expect: 3692
ALERT(String(?02:03:04?\2))  // expect: 3692
ALERT(String(?20:10:00?%?04:20:00?))  // expect: 02:50:00
ALERT(String(?02:03:04?%2))  // expect: 0
ALERT(String(Value type(?02:03:04?+?01:00:00?)))  // expect: 11
ALERT(String(Value type(?02:03:04?+1)))  // expect: 1
ALERT(String(?01:02:03?=?01:02:03?))  // expect: True
ALERT(String(?01:02:03?<?01:02:04?))  // expect: True
// times may exceed 24 hours
ALERT(String(?20:00:00?+?10:00:00?))  // expect: 30:00:00
ALERT(Time string(3725))  // expect: 01:02:05
ALERT(String(?8:05:30?))  // expect: 08:05:30
// a compound assignment follows the same rules: $t+=5 stores a number
$t:=?00:01:00?
$t+=5
ALERT(String(Value type($t)))  // expect: 1
ALERT(String($t))  // expect: 65
$x:=?01:00:00?+!2006-01-01!  // expect error: 90010
