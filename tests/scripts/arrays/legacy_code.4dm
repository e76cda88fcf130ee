//%attributes = {"invisible":true,"shared":true}
// Classic code: C_XXX declarations, tokens, localized names, <> and ◊ variables
C_TEXT:C284($t; $u)
C_LONGINT:C283($n)
C_LONGINT:C283(${2})
_O_C_STRING:C293(80; $s)
C_POINTER:C301($p)
C_OBJECT:C1216($o)
LOG EVENT:C667(Into system standard outputs:K38:9; "["+$t+"]"+String:C10($n)+String:C10($o=Null:C1517)+String:C10(Is nil pointer:C315($p)))  // expect: []0TrueTrue
LOG EVENT(Into system standard outputs; String(Type($t))+" "+String(Type($n))+" "+String(Type($s)))  // expect: 2 9 2
$n:=2.5
LOG EVENT(Into system standard outputs; String($n))  // expect: 3
$t:=12  // expect error: Text
// A localized command name is resolved by its number
LOG EVENT(Into system standard outputs; Chaîne:C10(12))  // expect: 12
◊gLegacy:="glyph"
LOG EVENT(Into system standard outputs; <>gLegacy)  // expect: glyph
If (False:C215)
	C_TEXT:C284(legacy_code; $1)
End if 
// Commands that need 4D itself stop with a clear reason; tables need the project's catalog
QUERY:C277([Customers:1]; [Customers:1]Name:2="a@")  // expect error: Unknown table [Customers] (this project has no catalog
ALL RECORDS([Customers])  // expect error: Unknown table [Customers]
OBJECT SET VISIBLE(*; "button"; False)  // expect error: it needs 4D forms
$w:=Open window(10; 10; 100; 100)  // expect error: it needs the 4D user interface
PRINT FORM("Report")  // expect error: it needs 4D printing
$x:=[Customers]Name  // expect error: no catalog
Begin SQL  // expect error: it needs the 4D SQL engine
	SELECT name FROM customers INTO :$t;
End SQL
LOG EVENT(Into system standard outputs; "after")  // expect: after
