// JSON Stringify (docs/commands-legacy/json-stringify.md)
ALERT(JSON Stringify("Eureka!"))  // expect: "Eureka!"
ALERT(JSON Stringify(120))  // expect: 120
ALERT(JSON Stringify(?20:00:00?))  // expect: 72000
ALERT(JSON Stringify(True))  // expect: true
ALERT(JSON Stringify(Null))  // expect: null
ALERT(JSON Stringify(1.5))  // expect: 1.5
ALERT(JSON Stringify(-0.25))  // expect: -0.25
$s:=JSON Stringify("{\"name\":\"john\"}")
ALERT($s)  // expect: "{\"name\":\"john\"}"
$p:=JSON Parse($s)
ALERT($p)  // expect: {"name":"john"}
ALERT(JSON Stringify("tab\there"+Char(10)+"line"))  // expect: "tab\there\nline"
var $Contact;$Children : Object
OB SET($Contact;"lastname";"Monroe";"firstname";"Alan")
OB SET($Children;"firstname";"Jim";"age";"12")
OB SET($Contact;"children";$Children)
ALERT(JSON Stringify($Contact))  // expect: {"lastname":"Monroe","firstname":"Alan","children":{"firstname":"Jim","age":"12"}}
$pretty:=JSON Stringify($Contact;*)
ALERT(Replace string(Replace string($pretty;Char(Tab);"\\t");Char(Line feed);"\\n"))  // expect: {\n\t"lastname": "Monroe",\n\t"firstname": "Alan",\n\t"children": {\n\t\t"firstname": "Jim",\n\t\t"age": "12"\n\t}\n}
ALERT(JSON Stringify(New collection(33;"mike";!2017-08-28!;False)))  // expect: [33,"mike","2017-08-28",false]
ALERT(JSON Stringify(New object("name";"Smith";"birthday";!1975-10-22!)))  // expect: {"name":"Smith","birthday":"1975-10-22"}
ALERT(JSON Stringify(New collection))  // expect: []
ALERT(JSON Stringify(New object))  // expect: {}
ALERT(JSON Stringify(New collection(New collection(1;2);New object("a";Null))))  // expect: [[1,2],{"a":null}]
ALERT(JSON Stringify(New object("a";New collection)))  // expect: {"a":[]}
// pointers are evaluated (example 4)
var $MyTestVar : Object
var $name : Text
OB SET($MyTestVar;"name";->$name)
ALERT(JSON Stringify($MyTestVar))  // expect: {"name":""}
$name:="Smith"
ALERT(JSON Stringify($MyTestVar))  // expect: {"name":"Smith"}
// JSON Parse (docs/commands-legacy/json-parse.md)
ALERT(String(JSON Parse("42.17")))  // expect: 42.17
ALERT(String(JSON Parse("120.13";Is longint)))  // expect: 120
ALERT(JSON Parse("\"Year 42\"";Is text))  // expect: Year 42
$o:=JSON Parse("{\"name\":\"john\"}")
ALERT($o.name)  // expect: john
ALERT(String(JSON Parse("5120";Is time)))  // expect: 01:25:20
ALERT(JSON Parse("\"1990-12-25T12:00:00Z\""))  // expect: 1990-12-25T12:00:00Z
ALERT(String(JSON Parse("\"2008-01-01T12:00:00Z\"";Is date)))  // expect: 01/01/2008
$json:="{\"name\":\"Marcus\",\"birthday\":\"2017-10-16\"}"
$o:=JSON Parse($json)
ALERT(String(Value type($o.birthday)=Is date))  // expect: True
ALERT(String($o.birthday))  // expect: 10/16/2017
$myCol:=JSON Parse("[\"Monday\",10,\"Tuesday\",11,\"Wednesday\",12,false]")
ALERT(String($myCol.length)+" "+$myCol[0]+" "+String($myCol[6]))  // expect: 7 Monday False
ALERT(String(Value type(JSON Parse("[1]"))=Is collection))  // expect: True
ALERT(String(Value type(JSON Parse("null"))=Is null))  // expect: True
ALERT(String(Value type(JSON Parse("true"))=Is Boolean))  // expect: True
ALERT(String(Value type(JSON Parse("3"))=Is real))  // expect: True
ALERT(String(JSON Parse("1";Is Boolean)))  // expect: True
ALERT(String(JSON Parse("12";Is text)))  // expect: 12
$bad:=JSON Parse("{bad json}")  // expect error: JSON
ALERT(String(Value type(JSON Parse("[1]";Is object))=Is null))  // expect: True
// round trip
$c:=New object("name";"Monroe";"firstname";"Alan")
$c2:=JSON Parse(JSON Stringify($c))
ALERT($c2.name+" "+$c2.firstname)  // expect: Monroe Alan
// JSON Parse with * adds __symbols (example 6)
$text:="{\n    \"alpha\": 4552,\n    \"beta\": [\n        {\n            \"echo\": 45,\n            \"delta\": \"text1\"\n        },\n        {\n            \"echo\": 52,\n            \"golf\": \"text2\"\n        }\n    ]\n}"
$obInfo:=JSON Parse($text;Is object;*)
ALERT(JSON Stringify($obInfo.__symbols))  // expect: {"alpha":{"line":2,"offset":4},"beta":{"line":3,"offset":4},"beta[0].echo":{"line":5,"offset":12},"beta[0].delta":{"line":6,"offset":12},"beta[1].echo":{"line":9,"offset":12},"beta[1].golf":{"line":10,"offset":12}}
ALERT(String($obInfo.alpha))  // expect: 4552
// JSON Validate (docs/commands/json-validate.md)
$schema:=JSON Parse("{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\",\"minLength\":2},\"age\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":150}},\"required\":[\"name\"],\"additionalProperties\":false}")
$r:=JSON Validate(New object("name";"Al";"age";30);$schema)
ALERT(JSON Stringify($r))  // expect: {"success":true}
$r:=JSON Validate(New object("age";-1);$schema)
ALERT(String($r.success)+" "+String($r.errors.length))  // expect: False 2
ALERT(String($r.errors[0].code)+" "+$r.errors[0].message)  // expect: 16 The required property "name" is missing.
ALERT(String($r.errors[1].code)+" "+$r.errors[1].jsonPath)  // expect: 5 $.age
$r:=JSON Validate(New object("name";"A";"x";1);$schema)
ALERT(String($r.errors[0].code)+" "+String($r.errors[1].code))  // expect: 8 17
$r:=JSON Validate(New object("name";5);$schema)
ALERT($r.errors[0].message)  // expect: Incorrect type. Expected type is: string
$r:=JSON Validate(New collection(1;2;2);New object("type";"array";"uniqueItems";True;"items";New object("type";"number")))
ALERT(String($r.errors[0].code))  // expect: 13
$r:=JSON Validate(New object("c";"red");JSON Parse("{\"properties\":{\"c\":{\"enum\":[\"green\",\"blue\"]}}}"))
ALERT(String($r.errors[0].code))  // expect: 19
$r:=JSON Validate(New object;New object("$schema";"http://example.com/other"))  // expect error: schema
// reals are written with 15 significant digits
ALERT(JSON Stringify(New collection(0.1+0.2;1/3;-2.25)))  // expect: [0.3,0.333333333333333,-2.25]
// JSON Validate on JSON Parse(...; *): errors give line and offset, __symbols is not validated
$parsed:=JSON Parse("{\n  \"name\": \"Al\",\n  \"age\": -5\n}";Is object;*)
$r:=JSON Validate($parsed;$schema)
ALERT(String($r.errors.length)+" "+$r.errors[0].jsonPath+" line "+String($r.errors[0].line)+" offset "+String($r.errors[0].offset))  // expect: 1 $.age line 3 offset 2
// JSON Stringify array and JSON PARSE ARRAY
ARRAY TEXT($names;2)
$names{1}:="Smith"
$names{2}:="Jones"
ALERT(JSON Stringify array($names))  // expect: ["Smith","Jones"]
ARRAY LONGINT($nums;0)
JSON PARSE ARRAY("[3,1,2]";$nums)
ALERT(String(Size of array($nums))+" "+String($nums{1}+$nums{2}+$nums{3}))  // expect: 3 6
ARRAY OBJECT($objs;0)
JSON PARSE ARRAY("[{\"a\":1},{\"a\":2}]";$objs)
ALERT(JSON Stringify array($objs))  // expect: [{"a":1},{"a":2}]
JSON PARSE ARRAY("{}";$objs)  // expect error: not an array
// a time in an object or a collection is stored as a number of seconds (docs: OB Get)
ALERT(JSON Stringify(New object("start";?08:30:00?)))  // expect: {"start":30600}
ALERT(JSON Stringify(New collection(?00:01:00?;?02:00:00?)))  // expect: [60,7200]
