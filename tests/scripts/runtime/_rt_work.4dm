// Worker message: counts messages in a process variable and logs them.
#DECLARE($log : Collection; $text : Text)
If (Undefined(msgCount))
	msgCount:=0
End if
msgCount:=msgCount+1
$log.push($text+" #"+String(msgCount)+" in "+Current process name)
