//%attributes = {"invisible":true}
C_TEXT:C284($t)
ARRAY TEXT:C222($grid;0;3)
$t:="a"+Char:C90(9)+"b"+Char:C90(13)+"c"
Split_lines (->$grid;$t)
ALERT:C41(String:C10(Size of array:C274($grid))+" rows: "+$grid{1}{1}+$grid{1}{2}+$grid{2}{1}+"["+$grid{2}{2}+"]")
ARRAY LONGINT:C221($ids;0)
APPEND TO ARRAY:C911($ids;7)
APPEND TO ARRAY:C911($ids;8)
Clear_array (->$ids)
ALERT:C41("cleared: "+String:C10(Size of array:C274($ids)))
Clear_array (->$ids)
ALERT:C41("still: "+String:C10(Size of array:C274($ids)))
ALERT:C41(Rgb_parts (0x00102030;->$red;->$green;->$blue)+" "+String:C10($green))
ARRAY TEXT:C222($us;3)
ARRAY TEXT:C222($fr;0)
$us{1}:="If"
$us{2}:="Else"
$us{3}:="End if"
COLLECTION TO ARRAY:C1562(New collection:C1472("Si";"Sinon";"Fin de si");$fr)
ALERT:C41($fr{Find in array:C230($us;"else")})
ARRAY TEXT:C222($copy;0)
$p:=->$copy
COPY ARRAY:C226($fr;$p->)
ALERT:C41(String:C10(Size of array:C274($copy))+" "+$copy{3})
ARRAY PICTURE:C279(<>icons;0)
ARRAY BOOLEAN:C223(<>flags;2)
<>flags{2}:=True:C214
ALERT:C41(String:C10(Size of array:C274(<>icons))+" "+String:C10(<>flags{2}))
$o:=New object:C1471
OB SET:C1220($o;\
"a";1;\
"b";"two")
If ($o.a=1)\
 & ($o.b="two")
	ALERT:C41("continued")
End if 
For ($i;1;10)
	If ($i=3)
		$found:=$i
		$i:=MAXLONG:K35:2-1
	End if 
End for 
ALERT:C41("found "+String:C10($found)+" stopped at "+String:C10($i))
$fp:=->[Customers:2]Name:3
RESOLVE POINTER:C394($fp;$name;$table;$field)
ALERT:C41("field "+String:C10($table)+":"+String:C10($field))
QUERY:C277([Customers:2];[Customers:2]Name:3="a@")
