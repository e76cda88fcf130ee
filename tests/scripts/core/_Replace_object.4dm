// Points the caller's object variable to a new object; returns 1
#DECLARE($target : Pointer) : Real
$target->:={n: 100}
return 1
