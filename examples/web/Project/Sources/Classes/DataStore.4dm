Class extends DataStoreImplementation

// POST /rest/$catalog/authentify with [{"name": ..., "password": ...}]: a REST client signs in.
exposed Function authentify($credentials : Object) : Text
	If ($credentials=Null)
		return "missing credentials"
	End if
	If (($credentials.name="admin") & ($credentials.password="board"))
		Session.setPrivileges({userName: "admin"; roles: "Admin"})
		Use (Session.storage)
			Session.storage.profile:=New shared object("name"; "admin"; "signedIn"; String(Current time); "notes"; 0)
		End use
		return "signed in"
	End if
	return "unknown user"

// POST /rest/$catalog/members: who is signed in (roles.json: Admin only).
exposed Function members() : Collection
	return Storage.board.members.extract("name")

// GET /rest/$catalog/report: every session with its note, read through Session storage by ID.
exposed onHTTPGet Function report() : Collection
	return sessionsReport
