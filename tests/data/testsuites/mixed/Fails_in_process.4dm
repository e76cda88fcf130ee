var $o : Object
$o:=Null
$o.x:=1
