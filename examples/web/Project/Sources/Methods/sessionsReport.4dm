// The admin's view, from any process: every open web session, its user and its note.
#DECLARE() : Collection
var $out : Collection
$out:=[]
var $session : Object
var $storage : Object
For each ($session; Process activity(Sessions only).sessions)
	If ($session.type#"standalone")
		$storage:=Session storage by ID($session.ID)
		$out.push({user: $session.userName; type: $session.type; note: ($storage#Null) ? $storage.note : Null})
	End if
End for each
return $out.orderBy("user")
