// String() with dates and times (docs/commands-legacy/string.md, values.md 7.1)
ALERT(String(!2023-11-27!))  // expect: 11/27/2023
ALERT(String(!2023-11-27!;Internal date long))  // expect: November 27, 2023
ALERT(String(!2023-11-27!;Internal date abbreviated))  // expect: Nov 27, 2023
ALERT(String(!2023-11-27!;Internal date short))  // expect: 11/27/2023
ALERT(String(!2006-12-29!;Internal date short special))  // expect: 12/29/06
ALERT(String(!2096-12-29!;Internal date short special))  // expect: 12/29/2096
ALERT(String(!1896-12-29!;Internal date short special))  // expect: 12/29/1896
ALERT(String(!2023-11-27!;System date short))  // expect: 11/27/2023
ALERT(String(!2023-11-27!;System date long))  // expect: Monday, November 27, 2023
ALERT(String(!2023-11-27!;System date abbreviated))  // expect: Mon, Nov 27, 2023
ALERT(String(!2010-09-13!;ISO Date))  // expect: 2010-09-13T00:00:00
ALERT(String(!2010-09-13!;ISO Date;?18:11:53?))  // expect: 2010-09-13T18:11:53
ALERT(String(!2023-11-27!;"EEEE d MMMM y GGGG"))  // expect: Monday 27 November 2023 Anno Domini
ALERT(String(!2023-11-27!;"yyyy-MM-dd"))  // expect: 2023-11-27
ALERT(String(!2023-01-05!;"d/M/yy"))  // expect: 5/1/23
ALERT(String(!2023-01-05!;"dd MMM yyyy"))  // expect: 05 Jan 2023
ALERT(String(!2023-11-27!;"E dd/MM/yyyy"))  // expect: Mon 27/11/2023
ALERT(String(!2023-11-27!;"'Day' D 'of' yyyy"))  // expect: Day 331 of 2023
ALERT(String(!2023-11-27!;"yyyy-MM-dd'T'HH:mm:ss";?11:15:00?))  // expect: 2023-11-27T11:15:00
ALERT(String(!2023-11-27!;"E dd/MM/yyyy 'at' hh:mm aa";?11:15:00?))  // expect: Mon 27/11/2023 at 11:15 AM
// null dates
ALERT(String(!00-00-00!))  // expect: 00/00/00
ALERT("["+String(!00-00-00!;Internal date long+Blank if null date)+"]")  // expect: []
ALERT("["+String(!00-00-00!;System date short+Blank if null date)+"]")  // expect: []
ALERT(String(!2023-11-27!;Internal date long+Blank if null date))  // expect: November 27, 2023
// times
ALERT(String(?17:30:45?))  // expect: 17:30:45
ALERT(String(?17:30:45?;HH MM AM PM))  // expect: 5:30 PM
ALERT(String(?17:30:45?;Hour min sec))  // expect: 17 hours 30 minutes 45 seconds
ALERT(String(?01:02:03?;HH MM SS))  // expect: 01:02:03
ALERT(String(?01:02:03?;HH MM))  // expect: 01:02
ALERT(String(?01:02:03?;Hour min sec))  // expect: 1 hour 2 minutes 3 seconds
ALERT(String(?01:02:03?;Hour min))  // expect: 1 hour 2 minutes
ALERT(String(?01:02:03?;HH MM AM PM))  // expect: 1:02 AM
ALERT(String(?01:02:03?;MM SS))  // expect: 62:03
ALERT(String(?01:02:03?;Min sec))  // expect: 62 minutes 3 seconds
ALERT(String(?01:02:03?;ISO time))  // expect: 0000-00-00T01:02:03
ALERT(String(?01:02:03?;System time short))  // expect: 01:02:03
ALERT(String(?00:10:00?;HH MM AM PM))  // expect: 12:10 AM
ALERT(String(?12:00:00?;HH MM AM PM))  // expect: 12:00 PM
ALERT("["+String(?00:00:00?;HH MM SS+Blank if null time)+"]")  // expect: []
ALERT(String(?17:30:45?;"'It is' K a"))  // expect: It is 5 PM
ALERT(String(?17:30:45?;"HH'h'mm"))  // expect: 17h30
ALERT(String(?25:00:00?))  // expect: 25:00:00
ALERT(String(?00:00:00?+90000))  // expect: 90000
ALERT(Time string(90000))  // expect: 25:00:00
ALERT(Time string(?01:02:03?))  // expect: 01:02:03
ALERT(Time string(3661))  // expect: 01:01:01
// pattern examples of docs/Project/date-time-formats.md
ALERT(String(!2000-06-15!;"QQQQ"))  // expect: 2nd quarter
ALERT(String(!2000-06-15!;"QQQ"))  // expect: Q2
ALERT(String(!2001-03-17!;"D"))  // expect: 76
ALERT(String(!1954-03-17!;"w"))  // expect: 11
ALERT(String(!1954-03-17!;"eeee"))  // expect: Wednesday
ALERT(String(?15:00:00?;"a"))  // expect: PM
ALERT(String(?18:00:00?;"K a"))  // expect: 6 PM
ALERT(String(?15:30:00?;"HH 'hours and' mm 'minutes'"))  // expect: 15 hours and 30 minutes
ALERT("["+String(?09:10:25?;" HH : mm : ss ")+"]")  // expect: [09 : 10 : 25]
ALERT("["+String(?09:10:25?;"' 'HH : mm : ss' '")+"]")  // expect: [ 09 : 10 : 25 ]
ALERT(String(!1996-01-01!;"yyyyyy"))  // expect: 001996
ALERT(String(!1996-09-02!;"MMMMM"))  // expect: S
ALERT(String(!1996-09-03!;"EEEEE EEEEEE EEE"))  // expect: T Tu Tue
ALERT(String(?00:05:00?;"k:mm"))  // expect: 24:05
ALERT(String(!2023-11-27!;"It's"))  // expect error: not supported
ALERT(String(!2020-01-01!;55))  // expect error: 90014: Unknown date format
