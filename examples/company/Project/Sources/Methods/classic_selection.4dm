// classic_selection: the classic language — current selection, current record, [Table]Field.
QUERY([Employee];[Employee]active=True;*)
QUERY([Employee];[Employee]salary>3000)
ORDER BY([Employee];[Employee]lastName;>)
ALERT(String(Records in selection([Employee]))+" active employees paid over 3000")
FIRST RECORD([Employee])
While (Not(End selection([Employee])))
	ALERT("  "+[Employee]lastName+", "+[Employee]firstName+": "+String([Employee]salary))
	NEXT RECORD([Employee])
End while
SELECTION TO ARRAY([Employee]firstName;$names;[Department]name;$departments)
ALERT($names{1}+" works in "+$departments{1})
// a raise for the Sales department, record by record
QUERY([Employee];[Department]name="Sales")
READ WRITE([Employee])
FIRST RECORD([Employee])
While (Not(End selection([Employee])))
	[Employee]salary:=[Employee]salary*1.1
	SAVE RECORD([Employee])
	NEXT RECORD([Employee])
End while
ALERT("Sales payroll: "+String(ds.Employee.query("department.name = Sales").sum("salary")))
CREATE RECORD([Journal])
[Journal]when:=!2024-06-01!
[Journal]message:="Sales raise applied"
SAVE RECORD([Journal])
ALERT(String(Records in table([Journal]))+" journal line, record number "+String(Record number([Journal])))
