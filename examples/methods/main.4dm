// methods/main.4dm — project methods and parameters.
// Teaches: every .4dm file of the folder is a method; #DECLARE names and types the
// parameters; `-> $r` or `: Type` + return give the result; missing arguments get
// default values; ${n} and Count parameters read any number of arguments; ON ERR CALL.
ALERT(Greet("Ada"))
ALERT(Greet)  // a missing Text argument is ""
ALERT("5! = "+String(Factorial(5)))
ALERT("average: "+String(Mean_of(4; 8; 15; 16; 23; 42)))
$order:={items: []}
Add_item($order; "book"; 12.5)
Add_item($order; "pen"; 1.5)
ALERT(String($order.items.length)+" items, total "+String($order.total))  // objects are passed by reference
ON ERR CALL("Log_error")
$x:=Greet(12)  // wrong type for $name: the handler runs, then the next line
ALERT("after the error")
ON ERR CALL("")
