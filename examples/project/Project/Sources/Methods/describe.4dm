//%attributes = {"shared":true}
// describe(kind; factory): builds a shape with a formula and describes it
#DECLARE($kind : Text; $factory : 4D.Function) : Text
var $shape : cs.Shape
$shape:=$factory.call(Null; 2)
return "A "+$kind+" made by a formula: "+$shape.describe()
