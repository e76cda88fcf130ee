// Runs in the main process (CALL WORKER 1): writes a note into the storage of each member's web session.
#DECLARE($text : Text; $done : 4D.Signal)
var $count : Integer
var $session : Object
var $storage : Object
For each ($session; Process activity(Sessions only).sessions)
	If ($session.type="web") & ($session.userName#"")
		$storage:=Session storage by ID($session.ID)
		If ($storage#Null)
			Use ($storage)
				$storage.note:=$text
			End use
			If ($storage.profile#Null)
				Use ($storage.profile)  // a shared object of its own: Session.storage forms no group with it
					$storage.profile.notes:=$storage.profile.notes+1
				End use
			End if
			$count:=$count+1
		End if
	End if
End for each
Use ($done)
	$done.count:=$count
End use
$done.trigger()
