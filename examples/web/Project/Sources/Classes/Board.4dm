shared singleton Class constructor()
	This.title:="Team board"

// POST /rest/$singleton/Board/title
exposed Function title() : Text
	return This.title
