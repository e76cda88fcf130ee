// Get database parameter(User param value): the --user-param text of `mini4d run`, empty for a script
var $param : Text
$param:="unchanged"
$r:=Get database parameter(User param value; $param)
ALERT("["+$param+"]")  // expect: []
ALERT(String($r))  // expect: 0
ALERT(String(User param value))  // expect: 108
$r:=Get database parameter(9999)  // expect error: 90060
