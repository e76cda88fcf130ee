// docs (parameters.md): code after return never runs
#DECLARE() -> $v : Integer
return 10
$v:=20
