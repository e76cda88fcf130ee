// bench: n=22 quick=15
// Project method calls and recursion: fib_r calls itself twice per level.
#DECLARE($n : Integer)
ALERT(String(fib_r($n)))
