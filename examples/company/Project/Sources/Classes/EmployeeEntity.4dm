Class extends Entity

exposed Alias departmentName department.name

exposed Function get fullName() : Text
	return This.firstName+" "+This.lastName

Function set fullName($value : Text)
	var $parts : Collection
	$parts:=Split string($value; " ")
	This.firstName:=$parts[0]
	This.lastName:=$parts.length>1 ? $parts[1] : ""

Function query fullName($event : Object) : Object
	var $parts : Collection
	$parts:=Split string($event.value; " ")
	If ($parts.length=2)
		return {query: "firstName = :1 and lastName = :2"; parameters: [$parts[0]; $parts[1]]}
	End if 
	return {query: "firstName = :1 or lastName = :1"; parameters: [$event.value]}

Function orderBy fullName($event : Object) : Text
	return $event.descending ? "firstName desc, lastName desc" : "firstName, lastName"

exposed Function yearlySalary() : Real
	return This.salary*12

Function isSenior() : Boolean
	return This.birthDate<!1985-01-01!
