// Only properties and a function: new() works without a constructor
property tags : Collection := []
property count : Integer := 0
property untyped

Function add($tag : Text) : Integer
	This.tags.push($tag)
	This.count+=1
	return This.count
