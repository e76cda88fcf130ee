Class extends Person

Class constructor()
	var $x : Integer
	$x:=1
