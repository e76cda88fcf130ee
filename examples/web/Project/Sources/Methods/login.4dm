//%attributes = {"publishedWeb":true}
// POST /4DACTION/login (the form of index.html): the browser's session becomes a member's.
ARRAY TEXT($names; 0)
ARRAY TEXT($values; 0)
WEB GET VARIABLES($names; $values)
var $i : Integer
var $name : Text
$i:=Find in array($names; "name")
If ($i>0)
	$name:=Substring($values{$i}; 1; 40)
End if
If ($name="")
	WEB SEND HTTP REDIRECT("/index.html?missing=name")
Else
	Session.setPrivileges({userName: $name; roles: "Member"})
	Use (Session.storage)
		Session.storage.profile:=New shared object("name"; $name; "signedIn"; String(Current time); "notes"; 0)
	End use
	Use (Storage.board.members)
		Storage.board.members.push(New shared object("id"; Session.id; "name"; $name))
	End use
	WEB SEND HTTP REDIRECT("/board.shtml")
End if
