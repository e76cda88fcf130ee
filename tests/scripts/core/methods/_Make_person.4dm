// A method returning an object can be followed by member access
#DECLARE($name : Text) : Object
return {name: $name; tags: ["a"; "b"]}
