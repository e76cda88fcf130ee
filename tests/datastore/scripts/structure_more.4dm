// Structure access, relation switches, query destination, Modified, ranges and Boolean set arrays
// (the documented results of the 4D commands, on the company example's catalog and seed)
var $inv; $tNew; $tSave; $tDel; $tLoad : Boolean
GET TABLE PROPERTIES(->[Employee]; $inv; $tNew; $tSave; $tDel; $tLoad)
ALERT(String($inv)+" "+String($tNew)+" "+String($tSave)+" "+String($tDel)+" "+String($tLoad))  // expect: False True True False False
GET TABLE PROPERTIES(1; $inv; $tNew)
ALERT(String($tNew))  // expect: False
var $oneT; $oneF; $choice : Integer
var $autoOne; $autoMany : Boolean
GET RELATION PROPERTIES(->[Employee]departmentID; $oneT; $oneF; $choice; $autoOne; $autoMany)
ALERT(String($oneT)+" "+String($oneF)+" "+String($choice)+" "+String($autoOne)+" "+String($autoMany))  // expect: 1 1 0 False False
GET RELATION PROPERTIES(2; 2; $oneT; $oneF)
ALERT(String($oneT)+" "+String($oneF))  // expect: 0 0
GET AUTOMATIC RELATIONS($autoOne; $autoMany)
ALERT(String($autoOne)+" "+String($autoMany))  // expect: False False
SET AUTOMATIC RELATIONS(True; False)
GET AUTOMATIC RELATIONS($autoOne; $autoMany)
ALERT(String($autoOne)+" "+String($autoMany))  // expect: True False
var $one; $many : Integer
GET FIELD RELATION([Employee]departmentID; $one; $many)
ALERT(String($one)+" "+String($many))  // expect: 0 0
GET FIELD RELATION([Employee]departmentID; $one; $many; *)
ALERT(String($one)+" "+String($many))  // expect: 2 1
SET FIELD RELATION([Employee]departmentID; 1; 2)
GET FIELD RELATION([Employee]departmentID; $one; $many)
ALERT(String($one)+" "+String($many))  // expect: 1 2
SET FIELD RELATION([Employee]departmentID; 5; 0)  // expect error: 
SET AUTOMATIC RELATIONS(False; False)
ARRAY TEXT($names; 0)
ARRAY LONGINT($nums; 0)
GET TABLE TITLES($names; $nums)
ALERT($names{1}+","+$names{4}+" "+String(Size of array($nums))+" "+String($nums{2}))  // expect: Department,Journal 4 2
GET FIELD TITLES([Department]; $names; $nums)
ALERT($names{2}+" "+String(Size of array($names))+" "+String($nums{4}))  // expect: name 4 4
// the query destination
var $kind : Integer
var $dest : Text
GET QUERY DESTINATION($kind; $dest)
ALERT(String($kind)+" ["+$dest+"]")  // expect: 0 []
SET QUERY DESTINATION(Into set; "found")
GET QUERY DESTINATION($kind; $dest)
ALERT(String($kind)+" ["+$dest+"]")  // expect: 1 [found]
QUERY([Department]; [Department]location="Paris")
SET QUERY DESTINATION(Into current selection)
ALERT(String(Records in set("found")))  // expect: 2
// BOOLEAN ARRAY FROM SET: element N is record number N; CREATE SET FROM ARRAY reads it back
ARRAY BOOLEAN($in; 0)
BOOLEAN ARRAY FROM SET($in; "found")
ALERT(String(Size of array($in))+" "+String($in{0})+" "+String($in{1})+" "+String($in{2}))  // expect: 2 True False True
CREATE SET FROM ARRAY([Department]; $in; "again")
INTERSECTION("found"; "again"; "both")
ALERT(String(Records in set("again"))+" "+String(Records in set("both")))  // expect: 2 2
// Modified: assigned since loaded, equal or not
ALL RECORDS([Department])
ORDER BY([Department]; [Department]ID; >)
ALERT(String(Modified([Department]name)))  // expect: False
[Department]name:=[Department]name
ALERT(String(Modified([Department]name))+" "+String(Modified([Department]budget))+" "+String(Old([Department]name)=[Department]name))  // expect: True False True
UNLOAD RECORD([Department])
// SELECTION RANGE TO ARRAY
ARRAY TEXT($dn; 0)
ARRAY LONGINT($recs; 0)
SELECTION RANGE TO ARRAY(2; 3; [Department]name; $dn; [Department]; $recs)
ALERT($dn{1}+","+$dn{2}+" "+String($recs{1}))  // expect: Sales,Support 1
SELECTION RANGE TO ARRAY(2; 9; [Department]name; $dn)
ALERT(String(Size of array($dn)))  // expect: 2
SELECTION RANGE TO ARRAY(3; 1; [Department]name; $dn)
ALERT($dn{1}+" "+String(Size of array($dn)))  // expect: Support 1
SELECTION RANGE TO ARRAY(7; 9; [Department]name; $dn)
ALERT(String(Size of array($dn)))  // expect: 0
// NO DEFAULT TABLE
DEFAULT TABLE([Department])
ALERT(String(Records in selection))  // expect: 3
NO DEFAULT TABLE
ALERT(String(Is nil pointer(Current default table)))  // expect: True
