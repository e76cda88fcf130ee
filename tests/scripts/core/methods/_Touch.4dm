// Objects are passed by reference
#DECLARE($o : Object)
$o.touched:=True
