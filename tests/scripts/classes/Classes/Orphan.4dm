Class extends Missing

Function f()
