// docs (parameters.md): a Text parameter is a copy of the value
#DECLARE($param : Text)
$param:=Uppercase($param)
ALERT($param)
