// The board every session shares: who is signed in, and how many pages were shown.
Use (Storage)
	Storage.board:=New shared object("members"; New shared collection; "pages"; 0)
End use
