Class extends DataClass

exposed Function inDepartment($name : Text) : cs.EmployeeSelection
	return This.query("department.name = :1"; $name)
