// formulas.4dm — Formula objects.
// Teaches: Formula() makes a 4D.Function; call it with .call(), .apply() or as a member
// of an object (then This is that object); local variables are copied at creation.
$add:=Formula($1+$2)
ALERT("call: "+String($add.call(Null; 2; 3)))
ALERT("apply: "+String($add.apply(Null; [10; 20])))
$rect:={width: 3; height: 4; area: Formula(This.width*This.height)}
ALERT("area: "+String($rect.area()))
$rect.width:=10
ALERT("area after resize: "+String($rect.area()))
$rate:=0.2
$tax:=Formula($1*$rate)
$rate:=0.5
ALERT("tax uses the rate copied at creation: "+String($tax.call(Null; 100)))
ALERT("source: "+$tax.source)
