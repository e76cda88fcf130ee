// String() with numbers: default form and display formats (docs/commands-legacy/string.md)
ALERT(String(2^15))  // expect: 32768
ALERT(String(2^15;"###,##0 Inhabitants"))  // expect: 32,768 Inhabitants
ALERT(String(1/3;"##0.00000"))  // expect: 0.33333
ALERT(String(1/3))  // expect: 0.3333333333333
ALERT(String(Arctan(1)*4))  // expect: 3.14159265359
ALERT(String(Arctan(1)*4;"##0.00"))  // expect: 3.14
ALERT(String(-1;"&x"))  // expect: 0xFFFFFFFF
ALERT(String(-1;"&$"))  // expect: $FFFFFFFF
ALERT(String(0 ?+ 7;"&x"))  // expect: 0x0080
ALERT(String(0 ?+ 7;"&$"))  // expect: $80
ALERT(String(0 ?+ 14;"&x"))  // expect: 0x4000
ALERT(String(0 ?+ 14;"&$"))  // expect: $4000
ALERT(String(50.3;"&xml"))  // expect: 50.3
ALERT(String(Num(1=1);"True;;False"))  // expect: True
ALERT(String(Num(1=2);"True;;False"))  // expect: False
ALERT(String(Log(-1)))  // expect: 
ALERT(String(1/0))  // expect: INF
ALERT(String(-1/0))  // expect: -INF
// thousands separators, decimals, negative numbers
ALERT(String(1234567.891;"###,###,##0.00"))  // expect: 1,234,567.89
ALERT(String(-1234.5;"###,##0.00"))  // expect: -1,234.50
ALERT(String(0;"###,##0.00"))  // expect: 0.00
ALERT(String(0.5;"##0.00"))  // expect: 0.50
ALERT(String(7;"000"))  // expect: 007
ALERT(String(42;"$##0.00"))  // expect: $42.00
// sign sections: positive;negative;zero
ALERT(String(12;"+##;-##;zero"))  // expect: +12
ALERT(String(-12;"+##;-##;zero"))  // expect: -12
ALERT(String(0;"+##;-##;zero"))  // expect: zero
ALERT(String(-5;"##0;(##0)"))  // expect: (5)
ALERT(String(5;"##0;(##0)"))  // expect: 5
// default form: 13 significant digits, no trailing zeros
ALERT(String(0.1+0.2))  // expect: 0.3
ALERT(String(100))  // expect: 100
ALERT(String(-0.5))  // expect: -0.5
ALERT(String(1234567890123))  // expect: 1234567890123
ALERT(String(2/3))  // expect: 0.6666666666667
// other types: the format is ignored
ALERT(String("abc";"##0"))  // expect: abc
ALERT(String(True))  // expect: True
ALERT(String(False;"##0"))  // expect: False
ALERT(String(Null))  // expect: null
var $o : Object
$o:=New object
ALERT("["+String($o.missing)+"]")  // expect: []
ALERT(String(1;"|MyStyle"))  // expect error: not supported
// the examples table of the number display formats (FormObjects/properties_Display.md):
// 1234.50, -1234.50 and 0 through each format; display formats truncate
ALERT(String(1234.5;"###")+"|"+String(-1234.5;"###")+"|"+String(0;"###")+"|")  // expect: <<<|<<<||
ALERT(String(1234.5;"####")+"|"+String(-1234.5;"####")+"|"+String(0;"####")+"|")  // expect: 1234|<<<<||
ALERT(String(1234.5;"#######")+"|"+String(-1234.5;"#######")+"|"+String(0;"#######")+"|")  // expect: 1234|-1234||
ALERT(String(1234.5;"#####.##")+"|"+String(-1234.5;"#####.##")+"|"+String(0;"#####.##")+"|")  // expect: 1234.5|-1234.5||
ALERT(String(1234.5;"####0.00")+"|"+String(-1234.5;"####0.00")+"|"+String(0;"####0.00"))  // expect: 1234.50|-1234.50|0.00
ALERT(String(1234.5;"#####0")+"|"+String(-1234.5;"#####0")+"|"+String(0;"#####0"))  // expect: 1234|-1234|0
ALERT(String(1234.5;"+#####0;-#####0;0")+"|"+String(-1234.5;"+#####0;-#####0;0")+"|"+String(0;"+#####0;-#####0;0"))  // expect: +1234|-1234|0
ALERT(String(1234.5;"#####0DB;#####0CR;0")+"|"+String(-1234.5;"#####0DB;#####0CR;0"))  // expect: 1234DB|1234CR
ALERT(String(1234.5;"#####0;(#####0)")+"|"+String(-1234.5;"#####0;(#####0)")+"|"+String(0;"#####0;(#####0)"))  // expect: 1234|(1234)|0
ALERT(String(1234.5;"###,##0")+"|"+String(-1234.5;"###,##0")+"|"+String(0;"###,##0"))  // expect: 1,234|-1,234|0
ALERT(String(1234.5;"##,##0.00")+"|"+String(-1234.5;"##,##0.00")+"|"+String(0;"##,##0.00"))  // expect: 1,234.50|-1,234.50|0.00
ALERT(String(1234.5;"^^^^^^^")+"|"+String(-1234.5;"^^^^^^^")+"|"+String(0;"^^^^^^^")+"|")  // expect:    1234|  -1234|       |
ALERT(String(1234.5;"^^^,^^0")+"|"+String(-1234.5;"^^^,^^0")+"|"+String(0;"^^^,^^0"))  // expect:   1,234| -1,234|      0
ALERT(String(1234.5;"*******")+"|"+String(-1234.5;"*******")+"|"+String(0;"*******"))  // expect: ***1234|**-1234|*******
ALERT(String(1234.5;"***,**0")+"|"+String(-1234.5;"***,**0")+"|"+String(0;"***,**0"))  // expect: **1,234|*-1,234|******0
ALERT(String(1234.5;"**,**0.00")+"|"+String(-1234.5;"**,**0.00")+"|"+String(0;"**,**0.00"))  // expect: *1,234.50|-1,234.50|*****0.00
ALERT(String(1234.5;"$*,**0.00;-$*,**0.00")+"|"+String(-1234.5;"$*,**0.00;-$*,**0.00")+"|"+String(0;"$*,**0.00;-$*,**0.00"))  // expect: $1,234.50|-$1,234.50|$****0.00
ALERT(String(1234.5;"$^^^^0")+"|"+String(-1234.5;"$^^^^0")+"|"+String(0;"$^^^^0"))  // expect: $ 1234|$-1234|$    0
ALERT(String(1234.5;"$^^^0 ;($^^^0)")+"|"+String(-1234.5;"$^^^0 ;($^^^0)"))  // expect: $1234 |($1234)
ALERT(String(1234.5;"&2")+"|"+String(-1234.5;"&2")+"|"+String(0;"&2"))  // expect: 1.2e+3|-1.2e+3|0.0e+0
ALERT(String(759.62;"&3"))  // expect: 7.60e+2
ALERT(String(1234.5;"&xml")+"|"+String(-1234.5;"&xml")+"|"+String(0;"&xml"))  // expect: 1234.5|-1234.5|0
ALERT(String(25000;"&/5"))  // expect: 6:56 AM
ALERT(String(-260;"##0"))  // expect: <<<
ALERT(String(-26;"##0"))  // expect: -26
ALERT(String(0;"$###,##0.00;($###,##0.00);")+"|")  // expect: |
ALERT(String(0;"$###,##0.00;($###,##0.00)"))  // expect: $0.00
ALERT(String(0;"###;###;#"))  // expect: #
