//%attributes = {"invisible":true}
  // Clear_array(->array): delete every element, keep the array
C_POINTER:C301($1)
DELETE FROM ARRAY:C228($1->;Num:C11(Size of array:C274($1->)>0);Size of array:C274($1->))
