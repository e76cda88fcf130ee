// #DECLARE without parentheses, with the result type only
#DECLARE : Boolean
return True:C214
