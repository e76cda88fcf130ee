// variables.4dm — declaring and typing variables.
// Teaches: `var` gives a type and a default value; `var $x:=value` infers the type
// (a number literal makes a Real); typed variables keep their type; locals ($) belong to
// one method, process variables (no prefix) to the process, <> variables to everyone.
var $name : Text
var $count : Integer
var $when : Date
var $items : Collection
ALERT("defaults: ["+$name+"] "+String($count)+" "+String($when)+" "+String($items=Null))
var $ratio:=20
ALERT("var $ratio:=20 is Real: "+String(Type($ratio)=Is real))
$count:=7.6
ALERT("an Integer rounds 7.6 to "+String($count))
var $a; $b : Integer
$a:=2
$b:=$a*21
ALERT("$b = "+String($b))
$untyped:=1
$untyped:="now a text"
ALERT("an undeclared variable can change type: "+$untyped)
visits:=1
<>everyone:="shared by all processes"
ALERT("process variable: "+String(visits)+", interprocess: "+<>everyone)
