#DECLARE($n : Integer) : Integer
return Recurse_forever($n+1)
