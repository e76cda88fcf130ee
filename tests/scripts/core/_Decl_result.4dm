// #DECLARE without parentheses, with a named result: the method takes no parameter
#DECLARE->$out : Collection
$out:=New collection:C1472("a"; "b")
