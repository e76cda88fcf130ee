// Add_item: changes the object it receives
#DECLARE($order : Object; $name : Text; $price : Real)
$order.items.push({name: $name; price: $price})
$order.total:=$order.items.sum("price")
