// Legacy typed parameters: a wrong type silently gives the empty value (parameters.md)
C_TEXT($1)
C_LONGINT($2)
$0:="["+$1+"]"+String($2)+String(Count parameters)
