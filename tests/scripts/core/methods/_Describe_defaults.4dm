// Missing arguments take their type's default value
#DECLARE($t : Text; $i : Integer; $d : Date; $b : Boolean; $o : Object; $c : Collection; $v : Variant) -> $r : Text
$r:="["+$t+"] "+String($i)+" "+String($d)+" "+String($b)+" "+String($o=Null)+" "+String($c=Null)+" "+String(Undefined($v))
