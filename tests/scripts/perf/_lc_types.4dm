// Typed #DECLARE parameters of every kind, bound by the lean call path
#DECLARE($t : Text; $r : Real; $i : Integer; $b : Boolean; $o : Object; $c : Collection; $d : Date; $h : Time) -> $out : Text
$out:=$t+"|"+String($r)+"|"+String($i)+"|"+String($b)+"|"+String(Value type($o))+"|"+String(Value type($c))+"|"+String($d)+"|"+String($h)+"|"+String(Count parameters)
