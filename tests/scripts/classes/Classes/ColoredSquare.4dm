Class extends Square

property color : Text := "Blue"

Class constructor($side : Integer; $color : Text)
	Super($side)
	If (Count parameters>1)
		This.color:=$color
	End if

Function description() : Text
	return Super.description()+" and "+This.color
