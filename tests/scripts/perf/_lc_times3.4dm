// A callback given by method name
#DECLARE($p : Object; $k : Real)
$p.result:=$p.value*$k
