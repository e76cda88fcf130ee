// Position (docs/commands-legacy/position.md)
ALERT(String(Position("ll";"Willow")))  // expect: 3
ALERT(String(Position("day";"Today is the first day";1)))  // expect: 3
ALERT(String(Position("day";"Today is the first day";4)))  // expect: 20
ALERT(String(Position("DAY";"Today is the first day";1;*)))  // expect: 0
ALERT(String(Position("DAY";"Today is the first day")))  // expect: 3
var $length : Integer
ALERT(String(Position("œ";"Bœuf";1;$length)))  // expect: 2
ALERT(String($length))  // expect: 1
ALERT(String(Position("oe";"Bœuf";1;$length)))  // expect: 2
ALERT(String($length))  // expect: 1
ALERT(String(Position("ss";"Straße";1;$length)))  // expect: 5
ALERT(String($length))  // expect: 1
ALERT(String(Position("";"")))  // expect: 0
ALERT(String(Position("x";"")))  // expect: 0
ALERT(String(Position("abc@";"abcdef")))  // expect: 0
ALERT(String(Position("abc@";"xabc@")))  // expect: 2
ALERT(String(Position("e";"élan")))  // expect: 1
ALERT(String(Position("e";"élan";1;*)))  // expect: 0
ALERT(String(Position("a";"banana";3;$length;*)))  // expect: 4
ALERT(String($length))  // expect: 1
ALERT(String(Position("z";"banana";1;$length)))  // expect: 0
ALERT(String($length))  // expect: 0
// the options syntax (sk constants)
ALERT(String(Position("A";"bab";1;$length;sk strict)))  // expect: 0
ALERT(String(Position("A";"bab";1;$length;sk case insensitive)))  // expect: 2
ALERT(String(Position("à";"bab";1;$length;sk case insensitive)))  // expect: 0
ALERT(String(Position("à";"bAb";1;$length;sk diacritic insensitive)))  // expect: 0
ALERT(String(Position("à";"bAb";1;$length;sk diacritic insensitive+sk case insensitive)))  // expect: 2
ALERT(String(Position("where";"somewhere where";1;$length;sk whole word)))  // expect: 11
ALERT(String(Position("alpha";"Alpha";1;$length;sk char codes)))  // expect: 0
ALERT(String(Position("alpha";"Alpha";1;$length;sk char codes+sk case insensitive)))  // expect: 1
// Replace string (docs/commands-legacy/replace-string.md)
ALERT(Replace string("Willow";" ";"_"))  // expect: Willow
ALERT(Replace string("Hello World";"o";"0"))  // expect: Hell0 W0rld
ALERT(Replace string("Hello World";"O";"0"))  // expect: Hell0 W0rld
ALERT(Replace string("Hello World";"O";"0";*))  // expect: Hello World
ALERT(Replace string("Hello World";"o";"0";1))  // expect: Hell0 World
ALERT(Replace string("aaa";"a";"b";2))  // expect: bba
ALERT(Replace string("abc";"";"x"))  // expect: abc
ALERT(Replace string("a-b-c";"-";""))  // expect: abc
ALERT(Replace string("crème brûlée";"e";"E"))  // expect: crEmE brûlEE
ALERT(Replace string("Ab ab AB";"ab";"x";*))  // expect: Ab x AB
// Compare strings (docs/commands-legacy/compare-strings.md)
$string1:="alpha Bravo charlie Delta Echo Fox-Trot"
$string2:="Alpha Bravo Charlie Delta Echo Fox-Trot"
ALERT(String(Compare strings($string1;$string2;sk char codes)))  // expect: 1
ALERT(String(Compare strings($string1;$string2;sk char codes+sk case insensitive)))  // expect: 0
ALERT(String(Compare strings("ete";"été")))  // expect: 0
ALERT(String(Compare strings("abc";"abd")))  // expect: -1
ALERT(String(Compare strings("b";"A")))  // expect: 1
ALERT(String(Compare strings("ABC";"abc")))  // expect: 0
ALERT(String(Compare strings("ABC";"abc";sk strict)#0))  // expect: True
ALERT(String(Compare strings("ete";"été";sk case insensitive)#0))  // expect: True
ALERT(String(Compare strings("ete";"ÉTÉ";sk case insensitive+sk diacritic insensitive)))  // expect: 0
// Split string (docs/commands-legacy/split-string.md)
$vt:="John;Doe;120 jefferson st.;Riverside;; NJ; 08075"
ALERT(JSON Stringify(Split string($vt;";")))  // expect: ["John","Doe","120 jefferson st.","Riverside",""," NJ"," 08075"]
ALERT(JSON Stringify(Split string($vt;";";sk ignore empty strings)))  // expect: ["John","Doe","120 jefferson st.","Riverside"," NJ"," 08075"]
ALERT(JSON Stringify(Split string($vt;";";sk ignore empty strings+sk trim spaces)))  // expect: ["John","Doe","120 jefferson st.","Riverside","NJ","08075"]
ALERT(JSON Stringify(Split string("abc";"")))  // expect: ["a","b","c"]
ALERT(JSON Stringify(Split string("abc";",")))  // expect: ["abc"]
ALERT(JSON Stringify(Split string("a, b ,c";",";sk trim spaces)))  // expect: ["a","b","c"]
ALERT(JSON Stringify(Split string("a<>b<>c";"<>")))  // expect: ["a","b","c"]
ALERT(String(Split string("x;y";";").length))  // expect: 2
// C0 control characters are ignorable by default, not with *
ALERT(String(Position("ab";"xa"+Char(1)+"b";1;$length))+" "+String($length))  // expect: 2 3
ALERT(String(Position("ab";"xa"+Char(1)+"b";1;*)))  // expect: 0
ALERT(String(Position("AE";"Cæsar";1;$length))+" "+String($length))  // expect: 2 1
ALERT(Replace string("Straße";"ss";"S"))  // expect: StraSe
ALERT(String(Position("a";"abc";10)))  // expect: 0
// Replace string examples (docs/commands-legacy/replace-string.md)
ALERT(Replace string("Shout";"o";""))  // expect: Shut
ALERT(Replace string("a"+Char(Tab)+"b"+Char(Tab)+"c";Char(Tab);",";*))  // expect: a,b,c
ALERT(Replace string("Crème brûlée";"Brulee";"caramel"))  // expect: Crème caramel
ALERT(Replace string("Crème brûlée";"Brulee";"caramel";*))  // expect: Crème brûlée
ALERT(String(Length(Replace string(Replace string("a"+Char(Carriage return)+"b"+Char(Tab);Char(Carriage return);"";*);Char(Tab);"";*))))  // expect: 2
