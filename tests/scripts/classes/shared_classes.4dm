// Shared classes: instances are shared; shared functions use This implicitly
$c:=cs.Counter.new(10)
ALERT(String(OB Is shared($c)))  // expect: True
ALERT(String(OB Is shared($c.history)))  // expect: True
ALERT(String($c.increment(5)))  // expect: 15
ALERT(String($c.increment(1)))  // expect: 16
ALERT($c.history.join(","))  // expect: 5,1
ALERT(String($c.doubled))  // expect: 32
// a function without the shared keyword needs Use...End use
$c.unsafeSet(0)  // expect error: 90050
Use ($c)
	$c.unsafeSet(1)
End use
ALERT(String($c.value))  // expect: 1
$c.value:=3  // expect error: 90050
// process singleton: cs.Name.me always gives the same instance
$t1:=cs.ProcessTag.me
$t2:=cs.ProcessTag.me
ALERT(String($t1=$t2))  // expect: True
ALERT(String($t1.hit())+String($t2.hit()))  // expect: 12
ALERT(String(cs.ProcessTag.new()=$t1))  // expect: True
ALERT(String(OB Is shared($t1)))  // expect: False
// shared singleton: shared, one per application
$a:=cs.AppConfig.me
ALERT(String(OB Is shared($a)))  // expect: True
ALERT(String($a.load())+String(cs.AppConfig.me.load()))  // expect: 12
// session singleton
ALERT(cs.SessionTag.me.user)  // expect: designer
ALERT(String(cs.SessionTag.me=cs.SessionTag.me))  // expect: True
