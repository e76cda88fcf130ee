// method callback: sets $1.result, returns nothing
#DECLARE($param : Object)
$param.result:=($param.value>0)
