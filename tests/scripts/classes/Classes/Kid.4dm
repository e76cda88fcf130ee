// No constructor: the parameters of new() go to the Person constructor
Class extends Person

Function play() : Text
	return This.firstName+" plays"
