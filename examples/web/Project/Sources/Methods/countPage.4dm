//%attributes = {"publishedWeb":true}
// Called from the pages: one more page shown, for the session and for the whole board.
#DECLARE() : Text
Use (Storage.board)
	Storage.board.pages:=Storage.board.pages+1
End use
Use (Session.storage)
	Session.storage.pages:=Num(Session.storage.pages)+1
End use
return ""
