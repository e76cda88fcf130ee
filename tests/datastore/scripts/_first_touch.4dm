// The first thing this process does is reading the datastore: it must see the seeded departments.
If (ds.Department.getCount()#3)
	<>failures:=<>failures+1
End if 
