// Date and Time theme
ALERT(String(Date("12/25/94")))  // expect: 12/25/1994
ALERT(String(Date("40/40/94")))  // expect: 00/00/00
ALERT(String(Date("It was the 6/30, we were in 2016")))  // expect: 06/30/2016
var $vobj : Object
$vobj:=New object("expDate";"2020-11-17T00:00:00.0000")
ALERT(String(Date($vobj.expDate)))  // expect: 11/17/2020
ALERT(String(Date($vobj.creationDate)))  // expect: 00/00/00
ALERT(String(Date("2013-06-05T20:00:00")))  // expect: 06/05/2013
ALERT(String(Date("2013-11-20T10:20:00.9854")))  // expect: 11/20/2013
ALERT(String(Date("2023-02-29")))  // expect: 00/00/00
ALERT(String(Date("2024-02-29")))  // expect: 02/29/2024
ALERT(String(Date("1/2/29")))  // expect: 01/02/2029
ALERT(String(Date("1/2/30")))  // expect: 01/02/1930
ALERT(String(Date("12.25.2020")))  // expect: 12/25/2020
ALERT(String(Date(!2020-01-01!)))  // expect: 01/01/2020
ALERT(String(Date("aa/12/94")))  // expect: 00/00/00
// Time
ALERT(String(Time("01:02:03")))  // expect: 01:02:03
ALERT(String(Time(3723)))  // expect: 01:02:03
ALERT(String(Time("25:00:00")))  // expect: 25:00:00
ALERT(String(Time("10:20")))  // expect: 10:20:00
ALERT(String(Time(?02:00:00?)))  // expect: 02:00:00
ALERT(String(Time($vobj.missing)))  // expect: 00:00:00
ALERT(String(Time("2:30 PM")))  // expect: 14:30:00
ALERT(String(Time("12:15 AM")))  // expect: 00:15:00
ALERT(String(Time("abc")))  // expect: 00:00:00
// Add to date (kb.4d.com: 01/31/2000 + 1 month = 02/29/2000)
ALERT(String(Add to date(!2000-01-31!;0;1;0)))  // expect: 02/29/2000
ALERT(String(Add to date(!2001-01-31!;0;1;0)))  // expect: 02/28/2001
ALERT(String(Add to date(!2024-02-29!;1;0;0)))  // expect: 02/28/2025
ALERT(String(Add to date(!2023-11-27!;1;0;0)))  // expect: 11/27/2024
ALERT(String(Add to date(!2023-11-27!;0;2;0)))  // expect: 01/27/2024
ALERT(String(Add to date(!2023-11-27!;0;0;5)))  // expect: 12/02/2023
ALERT(String(Add to date(!2023-11-27!;0;-11;0)))  // expect: 12/27/2022
ALERT(String(Add to date(!2023-03-31!;0;-1;0)))  // expect: 02/28/2023
ALERT(String(Add to date(!2023-01-01!;0;0;-1)))  // expect: 12/31/2022
ALERT(String(Add to date(!00-00-00!;1;1;1)))  // expect: 00/00/00
ALERT(String(Add to date(!2023-11-27!;0;0;1)=(!2023-11-27!+1)))  // expect: True
// components
ALERT(String(Day of(!2023-11-27!)))  // expect: 27
ALERT(String(Month of(!2023-11-27!)))  // expect: 11
ALERT(String(Year of(!2023-11-27!)))  // expect: 2023
ALERT(String(Day number(!2023-11-27!)))  // expect: 2
ALERT(String(Day number(!2023-11-26!)))  // expect: 1
ALERT(String(Day number(!2023-12-02!)))  // expect: 7
ALERT(String(Day of(!00-00-00!)))  // expect: 0
// date arithmetic
ALERT(String(!2023-03-01!-!2023-02-01!))  // expect: 28
ALERT(String(!2023-12-31!+1))  // expect: 01/01/2024
// current date and time have the right types
ALERT(String(Value type(Current date)=Is date))  // expect: True
ALERT(String(Value type(Current time)=Is time))  // expect: True
ALERT(String(Year of(Current date)>2000))  // expect: True
// Timestamp: ISO UTC text with milliseconds
ALERT(String(Match regex("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";Timestamp)))  // expect: True
ALERT(String(Length(Timestamp)))  // expect: 24
$ms:=Milliseconds
ALERT(String(Milliseconds>=$ms))  // expect: True
ALERT(String(Tickcount>=0))  // expect: True
// Time examples (docs/commands-legacy/time.md)
ALERT("1:00 P.M. = "+String(Time("13:00:00");Hour min))  // expect: 1:00 P.M. = 13 hours 0 minute
ALERT(String(Time(10000)))  // expect: 02:46:40
ALERT(String(Time((60*60)+(20*60)+5200)))  // expect: 02:46:40
// GET SYSTEM FORMAT: the (US) regional settings used by String and Date
GET SYSTEM FORMAT(Decimal separator;$sep)
GET SYSTEM FORMAT(Date separator;$dsep)
GET SYSTEM FORMAT(Short date month position;$mpos)
ALERT($sep+" "+$dsep+" "+$mpos)  // expect: . / 1
$thenum:=Num("33,333.33";$sep)
ALERT(String($thenum))  // expect: 33333.33
// a time from an undefined number is an error, as from an infinite one
ALERT(Time string(Log(-1)))  // expect error: 90014
ALERT(Time string(1/0))  // expect error: 90014
// String takes a value, not an array
ARRAY TEXT($names; 2)
ALERT(String($names))  // expect error: 90010
