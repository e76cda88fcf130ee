// numbers.4dm — numbers in 4D.
// Teaches: / is always real division, \ is integer division, % the remainder, ^ the power;
// String shows up to 13 significant digits; real equality tolerates 1e-6;
// Integer variables round what they receive; `var $n:=20` makes a Real.
ALERT("7/2 = "+String(7/2)+", 7\\2 = "+String(7\2)+", 7%2 = "+String(7%2)+", 7^2 = "+String(7^2))
ALERT("1/3 = "+String(1/3))
ALERT("Pi = "+String(Arctan(1)*4))
ALERT("0.1+0.2=0.3 is "+String(0.1+0.2=0.3))
ALERT("1/0 = "+String(1/0))
var $i : Integer
$i:=2.7
ALERT("an Integer given 2.7 holds "+String($i))
var $n:=20
ALERT("var $n:=20 is a Real: "+String(Type($n)=Is real))
// bitwise operators work on 32-bit integers
ALERT("0x00FF & 0x0F0F = "+String(0x00FF & 0x0F0F))
ALERT("1 << 10 = "+String(1 << 10))
ALERT("bit 3 of 8 is set: "+String(8 ?? 3))
