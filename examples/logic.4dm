// logic.4dm — truthiness, && and ||, the ternary operator, Null and Undefined.
// Teaches: && and || return one of their operands; 0 is truthy but "", [], {}, Null,
// Undefined and the null date are falsy; a missing property is Undefined, never an error.
$user:={name: "Ann"; phone: ""}
ALERT("phone: "+($user.phone || "n/a"))
ALERT("email: "+($user.email || "none given"))
ALERT("zero is truthy: "+String(0 && "yes"))
ALERT(($user.name="Ann") ? "hello Ann" : "who are you?")
// Undefined and Null
ALERT("missing property is undefined: "+String(Undefined($user.address)))
ALERT("and so is its sub-property: "+String(Undefined($user.address.city)))
ALERT("Undefined = Null: "+String($user.address=Null))
$user.address:=Null
ALERT("a Null property is not undefined: "+String(Undefined($user.address)))
// assigning Undefined to a typed variable gives its default value
var $count : Integer
$count:=$user.missingCount
ALERT("count: "+String($count))
// & and | always evaluate both sides; && and || stop early
ALERT("safe: "+String(($user.address#Null) && ($user.address.city="Paris")))
