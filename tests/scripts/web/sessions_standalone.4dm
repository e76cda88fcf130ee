// Web commands and sessions outside a web request
ALERT(String(WEB Is server running))  // expect: False
ALERT(WEB Get current session ID)  // expect: 
ALERT(String(Session.isGuest()))  // expect: False
ALERT(String(Session.setPrivileges("admin")))  // expect: False
ALERT(Session.createOTP())  // expect: 
ALERT(String(WEB Server.isRunning))  // expect: False
ALERT(WEB Server.sessionCookieName)  // expect: 4DSID_mini4d
ALERT(String(WEB Get server info.started))  // expect: False
WEB SEND TEXT("nothing happens outside a web process")
ALERT(String(OB Instance of(4D.OutgoingMessage.new(); 4D.OutgoingMessage)))  // expect: True
var $m : 4D.OutgoingMessage
$m:=4D.OutgoingMessage.new()
$m.setBody({a: 1})
ALERT($m.headers["Content-Type"]+" "+String($m.status))  // expect: application/json 200
$m.setStatus(404)
$m.setHeader("X-One"; "1")
ALERT(JSON Stringify($m.headers))  // expect: {"Content-Type":"application/json","X-One":"1"}
$m.setStatus("x")  // expect error: must be an integer
$m.setBody(Current date)  // expect error: .setBody() takes a Text, a Blob or an Object
var $port : Integer
WEB SET OPTION(Web port ID; 8123)
WEB GET OPTION(Web port ID; $port)
ALERT(String($port))  // expect: 8123
WEB SET OPTION(Web maximum requests size; 10)  // expect error: the maximum request size is 500000 to 2147483647
