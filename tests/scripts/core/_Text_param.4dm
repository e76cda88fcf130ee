// An undefined argument reaches a Text parameter as ""
#DECLARE($myText : Text) : Text
return "["+$myText+"]"
