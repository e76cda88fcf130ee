//%attributes = {"invisible":false,"preemptive":"indifferent"}
// Startup method of the teaching project:
//   mini4d run examples/project --startup-method main
$waitStart:=Milliseconds  // bounds the waiting loop below (60 s), so a failing worker cannot hang the run
var $shapes : Collection
var $shape : cs.Shape

// 1. classes and inheritance
$shapes:=[cs.Rect.new(2; 3); cs.Square.new(4); cs.Circle.new(1)]
For each ($shape; $shapes)
	ALERT($shape.describe())
End for each
ALERT("A square is a Rect: "+String(OB Instance of($shapes[1]; cs.Rect)))
ALERT("Its class is "+OB Class($shapes[1]).name+", whose superclass is "+cs.Square.superclass.name)
ALERT("Properties of a square: "+JSON Stringify($shapes[1]))

// 2. formulas: code in a value
var $bigger : 4D.Function
$bigger:=Formula($1.area()>$2)
ALERT("Shapes larger than 5: "+$shapes.filter(Formula($bigger.call(Null; $1.value; 5))).map(Formula($1.value.name)).join(", "))
var $total : Real
$total:=$shapes.reduce(Formula($1.accumulator+$1.value.area()); 0)
ALERT("Total area: "+String($total; "###0.00"))
ALERT(describe("square"; Formula(cs.Square.new($1))))

// 3. a shared class used by several processes
var $stock : cs.Inventory
$stock:=cs.Inventory.new("warehouse")
$done:=New shared collection
var $i : Integer
For ($i; 1; 3)
	CALL WORKER("loader "+String($i); Formula(loadStock($1; $2)); $stock; $done)
End for
While (($done.length<3) & ((Milliseconds-$waitStart)<60000))  // each worker pushes once when it is finished
	DELAY PROCESS(Current process; 1)
End while
ALERT("Apples: "+String($stock.quantity("apple"))+", pears: "+String($stock.quantity("pear"))+", moves: "+String($stock.moves))

// 4. a singleton
ALERT("Currency: "+cs.Settings.me.read("currency"))
ALERT("Same instance: "+String(cs.Settings.me=cs.Settings.new()))

// 5. the --user-param value of the command line
var $param : Text
$dummy:=Get database parameter(User param value; $param)
ALERT("User param: "+Choose($param=""; "(none)"; $param))
