// docs (parameters.md): return overrides the named result
#DECLARE() -> $v : Integer
$v:=10
return 20
