// Prints what a process sees of its session, then triggers $done.
#DECLARE($done : Object)
var $settings : Object
$settings:=Session.storage.settings
ALERT(Current process name+" runs for "+Session.userName+": settings.text = "+$settings.text)
$done.trigger()
