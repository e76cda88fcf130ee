// ASSERT, Asserted, throw, Last errors, ON ERR CALL, ALERT, LOG EVENT
ASSERT(1+1=2)
ASSERT(1=2)  // expect error: -10518: Assert failed: 1=2
ASSERT(False;"custom text")  // expect error: Assert failed: custom text
ALERT(String(Asserted(True)))  // expect: True
$b:=Asserted(False;"no")  // expect error: Assert failed: no
ALERT(String(Get assert enabled))  // expect: True
SET ASSERT ENABLED(False)
ASSERT(False)
ALERT(String(Asserted(False)))  // expect: False
ALERT(String(Get assert enabled))  // expect: False
SET ASSERT ENABLED(True)
// throw
throw(1234;"Something went wrong")  // expect error: 1234: Something went wrong
throw(55)  // expect error: 55: Error code 55: (host)
throw(New object("errCode";77;"message";"Value {v} is wrong";"v";"x"))  // expect error: 77: Value x is wrong
// Last errors inside Try
$r:=Try(JSON Parse("{bad"))
ALERT(String(Value type(Last errors)=Is collection))  // expect: True
ALERT(String(Last errors.length>0))  // expect: True
$r:=Try(throw(42;"Forty-two"))
ALERT(String(Last errors[0].errCode)+" "+Last errors[0].message+" "+Last errors[0].componentSignature)  // expect: 42 Forty-two host
// ON ERR CALL and Method called on error
ALERT("["+Method called on error+"]")  // expect: []
ON ERR CALL("_stdlib_handler")
ALERT(Method called on error)  // expect: _stdlib_handler
throw(9;"first")  // expect: handled 9
ALERT("continued")  // expect: continued
ON ERR CALL("")
ALERT("["+Method called on error+"]")  // expect: []
// output commands
ALERT("alert text")  // expect: alert text
ALERT("with button";"OK!")  // expect: with button
LOG EVENT(Into system standard outputs;"to stdout")  // expect: to stdout
LOG EVENT(Into system standard outputs;"information";Information message)  // expect: information
LOG EVENT(Into system standard outputs;"warning";Warning message)  // expect: warning
LOG EVENT(Into Windows log events;"nowhere")
LOG EVENT("default destination")
TRACE
BEEP
ALERT(String(Into system standard outputs)+" "+String(Error message))  // expect: 6 2
ALERT(String(ek local)+String(ek global)+String(ek errors from components))  // expect: 012
// GET LAST ERROR STACK: the legacy array form of Last errors
ARRAY LONGINT($codes;0)
ARRAY TEXT($components;0)
ARRAY TEXT($texts;0)
$r:=Try(throw(321;"array form"))
GET LAST ERROR STACK($codes;$components;$texts)
ALERT(String(Size of array($codes))+" "+String($codes{1})+" "+$components{1}+" "+$texts{1})  // expect: 1 321 host array form
