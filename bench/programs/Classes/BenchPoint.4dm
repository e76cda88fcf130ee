// A 2D point, used by classes.4dm.
property x : Real
property y : Real

Class constructor($x : Real; $y : Real)
	This.x:=$x
	This.y:=$y

Function plus($p : cs.BenchPoint) : cs.BenchPoint
	return cs.BenchPoint.new(This.x+$p.x; This.y+$p.y)

Function norm2() : Real
	return (This.x*This.x)+(This.y*This.y)
