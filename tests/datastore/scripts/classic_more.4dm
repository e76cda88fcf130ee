// More classic commands: formulas applied to records, arrays of values, relations, record stack
QUERY BY FORMULA([Employee];[Employee]salary>4000)
ALERT(String(Records in selection([Employee])))  // expect: 3
QUERY SELECTION BY FORMULA([Employee];Length([Employee]firstName)=5)
ALERT([Employee]firstName)  // expect: Alice
ALL RECORDS([Department])
APPLY TO SELECTION([Department];[Department]budget:=[Department]budget+1)
ALERT(String(ds.Department.get(2).budget))  // expect: 250001
ALL RECORDS([Employee])
ORDER BY FORMULA([Employee];Length([Employee]lastName))
ALERT([Employee]lastName)  // expect: Petit
ARRAY TEXT($names;2)
$names{1}:="petit"
$names{2}:="MOREAU"
QUERY WITH ARRAY([Employee]lastName;$names)
ALERT(String(Records in selection([Employee])))  // expect: 2
ALERT(String(Find in field([Employee]email;"emma@acme.test")))  // expect: 4
ALERT(String(Find in field([Employee]email;"nobody")))  // expect: -1
SET QUERY LIMIT(2)
QUERY([Employee];[Employee]active=True)
SET QUERY LIMIT(0)
ALERT(String(Records in selection([Employee])))  // expect: 2
// relations
QUERY([Employee];[Employee]ID=6)
RELATE ONE([Employee])
ALERT([Department]name)  // expect: Support
QUERY([Department];[Department]ID=1)
RELATE MANY([Department])
ALERT(String(Records in selection([Employee])))  // expect: 3
QUERY([Employee];[Employee]salary>4000)
RELATE ONE SELECTION([Employee];[Department])
ALERT(String(Records in selection([Department])))  // expect: 2
QUERY([Department];[Department]location="Paris")
RELATE MANY SELECTION([Employee]departmentID)
ALERT(String(Records in selection([Employee])))  // expect: 5
// record stack and duplicates
QUERY([Department];[Department]ID=2)
PUSH RECORD([Department])
QUERY([Department];[Department]ID=3)
POP RECORD([Department])
ALERT([Department]name)  // expect: Sales
DUPLICATE RECORD([Department])
[Department]name:="Sales 2"
SAVE RECORD([Department])
ALERT(String([Department]ID)+" "+String(Records in table([Department])))  // expect: 4 4
ARRAY LONGINT($recs;2)
$recs{1}:=0
$recs{2}:=3
CREATE SET FROM ARRAY([Department];$recs;"two")
ALERT(String(Records in set("two")))  // expect: 2
TRUNCATE TABLE([Mission])
ALERT(String(Records in table([Mission]))+" "+String(OK))  // expect: 0 1
ALERT(String(Length(Data file)>0))  // expect: True
SET INDEX([Employee]lastName;True)
ALERT("ok")  // expect: ok
// JSON
QUERY([Department];[Department]ID<3)
ORDER BY([Department];[Department]ID)
ALERT(Selection to JSON([Department];[Department]name;[Department]location))  // expect: [{"name":"Research","location":"Paris"},{"name":"Sales","location":"Lyon"}]
REDUCE SELECTION([Department];0)
JSON TO SELECTION([Department];"[{\"name\":\"Audit\",\"budget\":12},{\"name\":\"Quality\"}]")
ALERT(String(Records in table([Department]))+" "+ds.Department.query("name = Audit").first().name+" "+String(ds.Department.query("name = Audit").first().budget))  // expect: 6 Audit 12
