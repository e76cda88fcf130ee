// Storage (docs/commands/storage.md): only shared objects and collections, writes inside Use(Storage), no group.
ALERT(String(OB Is shared(Storage)))  // expect: True
Storage.counter:=New shared object("n"; 0)  // expect error: 90050
Use (Storage)
	Storage.counter:=New shared object("n"; 0)
	Storage.list:=New shared collection
	Storage.n:=1  // expect error: -10721
	Storage.std:=New object  // expect error: -10721
	Storage.nothing:=Null  // expect error: -10721
	Storage.text:="a"  // expect error: -10721
End use
ALERT(OB Keys(Storage).join(","))  // expect: counter,list
// Use(Storage) does not lock what Storage holds: each stored object keeps its own lock.
Use (Storage)
	Storage.counter.n:=1  // expect error: 90050
End use
Use (Storage.counter)
	Storage.counter.n:=Storage.counter.n+1
End use
ALERT(String(Storage.counter.n))  // expect: 1
// Storage forms no group, so an object stored there can still join a group.
$holder:=New shared object
Use ($holder)
	$holder.counter:=Storage.counter
End use
Use ($holder)
	Storage.counter.n:=10
End use
ALERT(String(Storage.counter.n))  // expect: 10
// Storage itself cannot be stored in a shared object.
Use ($holder)
	$holder.storage:=Storage  // expect error: 90051
End use
// Reading needs no Use; Storage is the same object in every call.
ALERT(String(Storage=Storage))  // expect: True
