// Result type only: the value comes from return
#DECLARE($name : Text) : Text
return "Hello "+$name
