Class extends DataStoreImplementation

exposed Function companyName() : Text
	return "Acme"

local Function headcount() : Integer
	return This.Employee.getCount()

Function departmentNames() : Collection
	return This.Department.all().orderBy("name").name
