// dates_times.4dm — date and time arithmetic.
// Teaches: Date-Date is a number of days; Date+n is a date; Time+Time is a time;
// Time+number is a number of seconds; times may go past 24 hours.
// String(date) shows the system short date (mini4d uses the US form MM/DD/YYYY).
$start:=!2024-02-27!
ALERT("start: "+String($start))
ALERT("three days later: "+String($start+3))  // 2024 is a leap year
ALERT("days until new year: "+String(!2025-01-01!-$start))
ALERT("before new year: "+String($start<!2025-01-01!))
ALERT("year "+String(Year of($start))+", month "+String(Month of($start))+", day "+String(Day of($start)))
$meeting:=?09:30:00?
$length:=?01:45:00?
ALERT("meeting ends at "+String($meeting+$length))
ALERT("in seconds: "+String($meeting+0))
ALERT("marathon: "+String(?20:00:00?+?10:30:00?))
ALERT("null date: "+String(!00-00-00!))
