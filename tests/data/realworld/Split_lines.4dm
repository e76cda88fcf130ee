//%attributes = {"shared":true,"preemptive":"capable"}
  // Split_lines(->2D array; text): one row per line, one column per tab-separated word
C_POINTER:C301($1)
C_TEXT:C284($2)
C_LONGINT:C283($row;$col;$pos)
C_TEXT:C284($line;$rest)

If (False:C215)
	C_POINTER:C301(Split_lines ;$1)
	C_TEXT:C284(Split_lines ;$2)
End if 

If (Type:C295($1->)#Array 2D:K8:24)
	ARRAY TEXT:C222($1->;0;3)
End if 
$rest:=$2+Char:C90(13)
While ($rest#"")
	$pos:=Position:C15(Char:C90(13);$rest)
	$line:=Substring:C12($rest;1;$pos-1)
	$rest:=Substring:C12($rest;$pos+1)
	INSERT IN ARRAY:C227($1->;Size of array:C274($1->)+1)
	$row:=Size of array:C274($1->)
	$col:=1
	While ($line#"") & ($col<=3)
		$pos:=Position:C15(Char:C90(9);$line)
		If ($pos=0)
			$1->{$row}{$col}:=$line
			$line:=""
		Else 
			$1->{$row}{$col}:=Substring:C12($line;1;$pos-1)
			$line:=Substring:C12($line;$pos+1)
		End if 
		$col:=$col+1
	End while 
End while 
