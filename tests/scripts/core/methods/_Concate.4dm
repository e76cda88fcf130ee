// docs (parameters.md): missing parameters get their default value
#DECLARE($param1 : Text; $param2 : Text) -> $result : Text
$result:=$param1+" "+$param2
