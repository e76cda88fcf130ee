// A one-statement body: its error keeps the statement position, and an ON ERR CALL handler lets the caller go on
#DECLARE($o : Object) -> $r : Text
$r:=$o.a+"x"
