// left_to_right.4dm — how 4D evaluates operators.
// Teaches: 4D has NO operator precedence: every binary operator is applied strictly
// from left to right. Only parentheses change the order.
ALERT("3+4*5 = "+String(3+4*5))  // (3+4)*5 = 35, not 23
ALERT("3+(4*5) = "+String(3+(4*5)))
ALERT("10-2*3 = "+String(10-2*3))  // (10-2)*3 = 24
ALERT("2^3^2 = "+String(2^3^2))  // (2^3)^2 = 64
$price:=10
$qty:=3
$shipping:=5
ALERT("wrong total: "+String($price*$qty+$shipping*2))  // ((10*3)+5)*2 = 70
ALERT("right total: "+String($price*$qty+($shipping*2)))  // 30+10 = 40
// A comparison is an operator like the others: $a+1>5 means ($a+1)>5
$a:=5
ALERT("$a+1>5 is "+String($a+1>5))
// && and || have the same level as & and |: a || b && c means (a || b) && c
ALERT("True || False && False is "+String(True || False && False))
