// Math theme (docs/commands-legacy/round.md, trunc.md, int.md, dec.md, mod.md)
ALERT(String(Round(16.857;2)))  // expect: 16.86
ALERT(String(Round(32345.67;-3)))  // expect: 32000
ALERT(String(Round(29.8725;3)))  // expect: 29.873
ALERT(String(Round(-1.5;0)))  // expect: -2
ALERT(String(Round(1.5;0)))  // expect: 2
ALERT(String(Round(2.675;2)))  // expect: 2.68
ALERT(String(Round(-16.857;2)))  // expect: -16.86
ALERT(String(Trunc(216.897;1)))  // expect: 216.8
ALERT(String(Trunc(216.897;-1)))  // expect: 210
ALERT(String(Trunc(-216.897;1)))  // expect: -216.9
ALERT(String(Trunc(-216.897;-1)))  // expect: -220
ALERT(String(Int(123.4)))  // expect: 123
ALERT(String(Int(-123.4)))  // expect: -124
ALERT(String(Int(5)))  // expect: 5
ALERT(String(Dec(123.4)))  // expect: 0.4
ALERT(String(Dec(-123.4)))  // expect: 0.4
$vrAmount:=7.31
ALERT(String(Int($vrAmount))+" dollars "+String(Dec($vrAmount)*100)+" cents")  // expect: 7 dollars 31 cents
ALERT(String(Dec(7)))  // expect: 0
ALERT(String(Mod(3;2)))  // expect: 1
ALERT(String(Mod(4;2)))  // expect: 0
ALERT(String(Mod(3.5;2)))  // expect: 0
ALERT(String(Mod(10;3)))  // expect: 1
ALERT(String(Mod(5000000000;3)))  // expect: 2
ALERT(String(Abs(-10.3)))  // expect: 10.3
ALERT(String(Abs(4)))  // expect: 4
ALERT(String(Square root(4)))  // expect: 2
ALERT(String(Square root(2)))  // expect: 1.414213562373
ALERT(String(Exp(1)))  // expect: 2.718281828459
ALERT(String(Log(Exp(1))))  // expect: 1
ALERT(String(Log(1)))  // expect: 0
ALERT(String(Round(Sin(Pi/2);10)))  // expect: 1
ALERT(String(Round(Cos(Pi);10)))  // expect: -1
ALERT(String(Round(Tan(Pi/4);10)))  // expect: 1
ALERT(String(Arctan(1)*4))  // expect: 3.14159265359
ALERT(String(Pi))  // expect: 3.14159265359
ALERT(String(Round(180*Degree;10)=Round(Pi;10)))  // expect: True
ALERT(String(Round(Pi*Radian;10)))  // expect: 180
ALERT(String(e number))  // expect: 2.718281828459
ALERT(String(MAXLONG))  // expect: 2147483647
// Random: an integer from 0 to 32767
$ok:=True
For ($i;1;200)
	$r:=Random
	If (($r<0) | ($r>32767) | ($r#Int($r)))
		$ok:=False
	End if 
End for 
ALERT(String($ok))  // expect: True
// SET REAL COMPARISON LEVEL changes the epsilon of = and #
ALERT(String(0.000001=0.000002))  // expect: True
SET REAL COMPARISON LEVEL(0.0000000001)
ALERT(String(0.000001=0.000002))  // expect: False
SET REAL COMPARISON LEVEL(0.000001)
ALERT(String(0.000001=0.000002))  // expect: True
// tokenized forms resolve through command numbers
ALERT(String(Round:C94(2.5;0)))  // expect: 3
ALERT(String(Abs:C99(-1)))  // expect: 1
ALERT(String(Pi:K30:1=Pi))  // expect: True
