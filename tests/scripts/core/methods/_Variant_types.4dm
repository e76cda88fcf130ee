// Untyped and Variant parameters keep the value type they receive, Undefined included
#DECLARE($v; $w : Variant) -> $r : Text
$r:=String(Value type($v))+" "+String(Value type($w))
