// project method used by language.4dm: returns twice its parameter
#DECLARE($n : Real) : Real
return $n*2
