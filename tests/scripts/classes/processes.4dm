// Shared classes and singletons seen from several processes (workers)
$waitStart:=Milliseconds  // bounds the waiting loops below (60 s), so a failing worker cannot hang the run
$c:=cs.Counter.new(0)
$done:=New shared collection
var $i : Integer
For ($i; 1; 4)
	CALL WORKER("counter "+String($i); Formula($1.increment(10)+$2.push(Current process name).length); $c; $done)
End for
// wait for the four workers (no timing involved: each pushes once)
While (($done.length<4) & ((Milliseconds-$waitStart)<60000))
	DELAY PROCESS(Current process; 1)
End while
ALERT(String($c.value))  // expect: 40
ALERT(String($c.history.length))  // expect: 4
// a process singleton has one instance per process
$tags:=New shared collection
ALERT(String(cs.ProcessTag.me.hit()+cs.ProcessTag.me.hit()))  // expect: 3
For ($i; 1; 3)
	CALL WORKER("tag "+String($i); Formula($1.push(cs.ProcessTag.me.hit())); $tags)
End for
While (($tags.length<3) & ((Milliseconds-$waitStart)<60000))
	DELAY PROCESS(Current process; 1)
End while
ALERT($tags.join(","))  // expect: 1,1,1
ALERT(String(cs.ProcessTag.me.hit()))  // expect: 3
// a shared singleton has one instance for the whole application
$loads:=New shared collection
ALERT(String(cs.AppConfig.me.load()))  // expect: 1
For ($i; 1; 3)
	CALL WORKER("config "+String($i); Formula($1.push(cs.AppConfig.me.load())); $loads)
End for
While (($loads.length<3) & ((Milliseconds-$waitStart)<60000))
	DELAY PROCESS(Current process; 1)
End while
ALERT($loads.sort().join(","))  // expect: 2,3,4
ALERT(String(cs.AppConfig.me.loads))  // expect: 4
// a standard (not shared) instance passed to a worker is copied, class included
$p:=cs.Person.new("Ann"; "Lee")
$seen:=New shared collection
CALL WORKER("copy"; Formula($2.push($1.sayHello()+" "+String(OB Instance of($1; cs.Person))+" "+String($1.setAge(30)))); $p; $seen)
While (($seen.length<1) & ((Milliseconds-$waitStart)<60000))
	DELAY PROCESS(Current process; 1)
End while
ALERT($seen[0])  // expect: Hello Ann Lee True 30
// the worker changed its copy, not $p
ALERT(String(Undefined($p.age)))  // expect: True
