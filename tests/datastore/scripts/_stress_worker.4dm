// Saves $n records: journal lines (classic) and departments (ORDA, autoincrement keys)
#DECLARE($n : Integer; $tag : Text)
var $i : Integer
For ($i; 1; $n)
	If ($i%2=0)
		CREATE RECORD([Journal])
		[Journal]message:=$tag+" "+String($i)
		SAVE RECORD([Journal])
	Else 
		$d:=ds.Department.new()
		$d.name:=$tag+" "+String($i)
		$r:=$d.save()
		If (Not($r.success))
			<>failures:=<>failures+1
		End if 
	End if 
End for 
