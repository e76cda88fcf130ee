// Process variables are visible from every method of the process
total:=total+1
