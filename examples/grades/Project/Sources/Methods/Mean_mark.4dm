// The mean of a collection of marks; 0 for an empty collection.
#DECLARE($marks : Collection) : Real

If ($marks.length=0)
	return 0
End if 
return $marks.sum()/$marks.length
