// objects_collections.4dm — objects and collections.
// Teaches: literals {} and [], dot and bracket access, reference semantics (two
// variables can point at the same object), collections growing with Null gaps.
$person:={name: "Ada"; langs: ["en"; "fr"]}
$person.born:=1815
$person["first name"]:="Augusta"
ALERT(JSON Stringify($person))
// property names are case-sensitive
ALERT("name="+$person.name+", Name is undefined: "+String(Undefined($person.Name)))
// assignment copies the reference, not the object
$alias:=$person
$alias.name:="Ada Lovelace"
ALERT("through the other variable: "+$person.name)
ALERT("same object: "+String($alias=$person)+", equal literals are different objects: "+String({}={}))
// collections are 0-based and grow when written past the end
$c:=["a"; "b"]
$c[4]:="e"
ALERT(JSON Stringify($c)+" has "+String($c.length)+" elements")
$c.push("f")
ALERT("last: "+$c[$c.length-1])
// For each visits elements of a collection, or property names of an object
$keys:=""
For each ($key; $person)
	$keys:=$keys+$key+";"
End for each
ALERT($keys)
