$r:=ds.Employee.get(1).drop()
ALERT(JSON Stringify($r))
