// Appends its argument to the process variable trail and returns it
#DECLARE($s : Text) : Text
trail:=trail+$s
return $s
