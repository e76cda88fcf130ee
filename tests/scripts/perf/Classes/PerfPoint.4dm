// A point whose functions are called through the direct member-call path (calls.4dm).
property x : Real
property y : Real

Class constructor($x : Real; $y : Real)
	This.x:=$x
	This.y:=$y

Function plus($p : cs.PerfPoint) : cs.PerfPoint
	return cs.PerfPoint.new(This.x+$p.x; This.y+$p.y)

Function scaled($k : Integer) : cs.PerfPoint
	return cs.PerfPoint.new(This.x*$k; This.y*$k)

Function fail()
	var $o : Object
	$o.missing:=1
