// A method without a result returns Undefined
$x:=1
