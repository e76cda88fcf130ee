// Untyped legacy parameters
$0:=String(Count parameters)+":"+String($1)+String($2)
