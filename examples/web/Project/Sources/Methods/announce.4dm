//%attributes = {"publishedWeb":true}
// GET /4DACTION/announce?text=...: asks the main process to post a note into every member's session.
ARRAY TEXT($names; 0)
ARRAY TEXT($values; 0)
WEB GET VARIABLES($names; $values)
var $i : Integer
var $text : Text
$i:=Find in array($names; "text")
If ($i>0)
	$text:=$values{$i}
End if
var $done : 4D.Signal
$done:=New signal("announce")
CALL WORKER(1; "postNote"; $text; $done)
If ($done.wait(10))
	WEB SEND TEXT(String($done.count)+" session(s) got the note"; "text/plain")
Else
	WEB SEND TEXT("the main process did not answer"; "text/plain")
End if
