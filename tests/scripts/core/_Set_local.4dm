// A local variable of the same name belongs to this method only
$local:="theirs"
