//%attributes = {"publishedWeb":true}
// GET /4DACTION/logout: the session forgets its member and goes back to Guest.
var $i : Integer
Use (Storage.board.members)
	$i:=Storage.board.members.findIndex(Formula($1.value.id=Session.id))
	If ($i>=0)
		Storage.board.members.remove($i)
	End if
End use
Session.setPrivileges({userName: ""})  // the user name is kept by clearPrivileges
Session.clearPrivileges()
WEB SEND HTTP REDIRECT("/index.html")
