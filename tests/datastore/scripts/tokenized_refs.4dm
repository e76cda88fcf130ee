// Tokenized references resolve by number: [Table:n]Field:m, commands as Name:Cnnn
QUERY:C277([Employee:2];[Employee:2]lastName:3="Petit")
ALERT:C41([Employee:2]firstName:2)  // expect: Bruno
ALERT:C41(String:C10(Records in selection:C76([Employee:2])))  // expect: 1
ALL RECORDS:C47([Department:1])
ORDER BY:C49([Department:1];[Department:1]budget:3;<)
ALERT:C41([Department:1]name:2)  // expect: Research
ALERT:C41(String:C10(Type:C295([Employee:2]salary:4)))  // expect: 1
ALERT:C41(String:C10(Type:C295([Employee:2]lastName:3)))  // expect: 0
$p:=->[Employee:2]salary:4
RESOLVE POINTER:C394($p;$name;$t;$f)
ALERT:C41(String:C10($t)+" "+String:C10($f))  // expect: 2 4
ALERT:C41(String:C10($p=->[Employee]salary))  // expect: True
$p->:=$p->+100
SAVE RECORD:C53([Employee:2])
ALERT:C41(String:C10(ds:C1482.Employee.get(2).salary))  // expect: 3200
ALERT:C41(String:C10(Value type:C1509([Employee:2]birthDate:5)))  // expect: 4
// QUERY's conjunctions and comparators alone as parameters, as 4D saves them
QUERY:C277([Employee:2];[Employee:2]active:6=True:C214;*)
QUERY:C277([Employee:2]; & ;[Employee:2]salary:4;>=;4000)
ALERT:C41(String:C10(Records in selection:C76([Employee:2])))  // expect: 3
QUERY:C277([Employee:2];[Employee:2]lastName:3="Petit";*)
QUERY:C277([Employee:2]; | [Employee:2]lastName:3="Moreau")
ALERT:C41(String:C10(Records in selection:C76([Employee:2])))  // expect: 2
ALL RECORDS:C47([Employee:2])
QUERY SELECTION:C341([Employee:2];[Employee:2]active:6=True:C214;*)
QUERY SELECTION:C341([Employee:2]; # ;[Employee:2]departmentID:7=1)
ALERT:C41(String:C10(Records in selection:C76([Employee:2])))  // expect: 4
QUERY:C277([Employee:2];[Employee:2]salary:4;#;3200)
ALERT:C41(String:C10(Records in selection:C76([Employee:2])))  // expect: 7
QUERY:C277([Employee:2];[Employee:2]salary:4;<;3000)
ALERT:C41(String:C10(Records in selection:C76([Employee:2])))  // expect: 2
ALL RECORDS:C47([Department:1])
APPLY TO SELECTION:C70([Department:1];[Department:1]budget:3:=0)
ALERT:C41(String:C10(ds:C1482.Department.all().sum("budget")))  // expect: 0
