// The marks of one course.
property course : Text
property students : Collection

Class constructor($course : Text)
	This.course:=$course
	This.students:=[]

Function add($name : Text; $mark : Real)
	If ($mark<0) || ($mark>20)
		throw({errCode: 1; message: "A mark is between 0 and 20"})
	End if 
	This.students.push({name: $name; mark: $mark})

Function average() : Real
	return Mean_mark(This.students.extract("mark"))

Function best() : Object
	If (This.students.length=0)
		return Null
	End if 
	return This.students.orderBy("mark desc")[0]
