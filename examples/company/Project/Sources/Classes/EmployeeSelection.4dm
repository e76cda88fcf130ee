Class extends EntitySelection

Function payroll() : Real
	return This.sum("salary")
