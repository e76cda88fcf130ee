// method callback returning its result: text elements shorter than $2
#DECLARE($param : Object; $max : Integer) : Boolean
return (Value type($param.value)=Is text) && (Length($param.value)<$max)
