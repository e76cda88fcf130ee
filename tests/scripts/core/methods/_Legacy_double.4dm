// Legacy parameters $1..$n and result $0 (no #DECLARE)
$0:=$1*2
