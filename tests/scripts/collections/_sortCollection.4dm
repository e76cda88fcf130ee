// sort callback of the docs: compares with Compare strings and the option in $2
var $1 : Object
var $2 : Integer
$1.result:=(Compare strings($1.value; $1.value2; $2)<0)
