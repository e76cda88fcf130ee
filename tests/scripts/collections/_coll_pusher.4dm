// process method: pushes $n copies of $tag into a shared collection, then triggers $done
#DECLARE($target : Collection; $n : Integer; $tag : Text; $done : Object)
var $i : Integer
For ($i; 1; $n)
	$target.push($tag)
	If ($i%100=0)
		$target.sort()
	End if
End for
$done.trigger()
