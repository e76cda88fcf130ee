//%attributes = {"invisible":true}
  // Rgb_parts(color; ->red; ->green; ->blue) -> hex text
#DECLARE($color : Integer; $r : Pointer; $g : Pointer; $b : Pointer)->$hex : Text
var $hash; $i : Integer
$hash:=0; 
$r->:=($color >> 16) & 0x00FF
$g->:=($color >> 8) & 0x00FF
$b->:=$color & 0x00FF
$hex:=String:C10($r->)+","+String:C10($g->)+","+String:C10($b->)
