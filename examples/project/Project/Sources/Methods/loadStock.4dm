//%attributes = {"executedOnServer":true}
// loadStock(inventory; done): runs in a worker; Inventory.add is a shared function,
// so no Use...End use is needed here
#DECLARE($inventory : cs.Inventory; $done : Collection)
var $n : Integer
For ($n; 1; 10)
	$inventory.add("apple"; 2)
	$inventory.add("pear"; 1)
End for
$done.push(Current process name)
