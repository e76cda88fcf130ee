// Current method name
#DECLARE() : Text
return Current method name
