// Match regex (docs/commands-legacy/match-regex.md)
ALERT(String(Match regex(".*smith.*";"John smith jr")))  // expect: True
ALERT(String(Match regex("smith";"John smith jr")))  // expect: False
ALERT(String(Match regex("a.b";"---a-b---";1;$pos_found;$length_found)))  // expect: True
ALERT(String($pos_found)+" "+String($length_found))  // expect: 4 3
ALERT(String(Match regex("a.b";"---a-b---";1;$pos_found;$length_found;*)))  // expect: False
ALERT(String(Match regex("a.b";"---a-b---";4;$pos_found;$length_found;*)))  // expect: True
ALERT(String(Match regex("[0-9]+";"abc 123 def";1;$p;$l)))  // expect: True
ALERT(Substring("abc 123 def";$p;$l))  // expect: 123
ALERT(String(Match regex("[0-9]+";"abc def";1;$p;$l)))  // expect: False
ALERT(String($p)+" "+String($l))  // expect: 0 0
ALERT(String(Match regex("(?i)HELLO";"hello")))  // expect: True
ALERT(String(Match regex("^\\w+@\\w+\\.com$";"me@example.com")))  // expect: True
// all tags of a text, as in the docs' loop
$text:="<a><bb><ccc>"
$start:=1
$found:=""
Repeat 
	$vfound:=Match regex("<[^>]*>";$text;$start;$pos;$len)
	If ($vfound)
		$found:=$found+Substring($text;$pos;$len)+","
		$start:=$pos+$len
	End if 
Until (Not($vfound))
ALERT($found)  // expect: <a>,<bb>,<ccc>,
ALERT(String(Match regex("(";"x")))  // expect error: 90014: Invalid regular expression
// Generate digest (docs/commands-legacy/generate-digest.md)
ALERT(Generate digest("The quick brown fox jumps over the lazy dog.";MD5 digest))  // expect: e4d909c290d0fb1ca068ffaddf22cbd0
ALERT(Generate digest("The quick brown fox jumps over the lazy dog.";SHA1 digest))  // expect: 408d94384216f890ff7a0c3528e8bed1e0b01621
ALERT(Generate digest("";MD5 digest))  // expect: d41d8cd98f00b204e9800998ecf8427e
ALERT(Generate digest("abc";SHA256 digest))  // expect: ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
ALERT(String(Length(Generate digest("abc";SHA512 digest))))  // expect: 128
ALERT(Generate digest("abc";SHA256 digest;*))  // expect: ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0
ALERT(String(MD5 digest)+String(SHA1 digest)+String(SHA256 digest)+String(SHA512 digest))  // expect: 0134
// BASE64 ENCODE / DECODE (Ref parameters)
$t:="hello"
BASE64 ENCODE($t;$encoded)
ALERT($encoded)  // expect: aGVsbG8=
BASE64 DECODE($encoded;$decoded)
ALERT($decoded)  // expect: hello
BASE64 ENCODE($t)
ALERT($t)  // expect: aGVsbG8=
BASE64 DECODE($t)
ALERT($t)  // expect: hello
$u:="é?>"
BASE64 ENCODE($u;$e1)
BASE64 ENCODE($u;$e2;*)
ALERT($e1+" "+$e2)  // expect: w6k/Pg== w6k_Pg
BASE64 DECODE($e2;$back;*)
ALERT($back)  // expect: é?>
// Generate UUID: 32 uppercase hexadecimal digits
$id:=Generate UUID
ALERT(String(Length($id)))  // expect: 32
ALERT(String(Match regex("[0-9A-F]{32}";$id)))  // expect: True
ALERT(String(Generate UUID#Generate UUID))  // expect: True
// capture groups through arrays (example 3): element 0 is the whole match
ARRAY LONGINT($pos_found_array;0)
ARRAY LONGINT($length_found_array;0)
$text:="my stuff here"
$vfound:=Match regex("(.*)stuff(.*)";$text;1;$pos_found_array;$length_found_array)
ALERT(String($vfound)+" "+String(Size of array($pos_found_array)))  // expect: True 2
ALERT("["+Substring($text;$pos_found_array{1};$length_found_array{1})+"]["+Substring($text;$pos_found_array{2};$length_found_array{2})+"]")  // expect: [my ][ here]
ALERT(String($pos_found_array{0})+" "+String($length_found_array{0}))  // expect: 1 13
ALERT(String(Match regex("(?<=a)b(?<n>c)";"xabc";1;$p;$l))+" "+String($p)+" "+String($l))  // expect: True 3 2
// ICU syntax: possessive quantifiers, atomic groups, POSIX classes, Unicode properties, \Q..\E, set operations
ALERT(String(Match regex("a++";"aaa")))  // expect: True
ALERT(String(Match regex("(?>a+)b";"aab")))  // expect: True
ALERT(String(Match regex("[[:alpha:]]+";"abc")))  // expect: True
ALERT(String(Match regex("[[:digit:]]+";"abc")))  // expect: False
ALERT(String(Match regex("\\p{L}+";"été")))  // expect: True
ALERT(String(Match regex("\\p{Lu}";"é")))  // expect: False
ALERT(String(Match regex("\\x{41}\\Qa.b\\E";"Aa.b")))  // expect: True
ALERT(String(Match regex("\\Qa.b\\E";"axb")))  // expect: False
ALERT(String(Match regex("[\\p{L}--[a-z]]+";"ABC")))  // expect: True
ALERT(String(Match regex("[\\p{L}--[a-z]]+";"abc")))  // expect: False
ALERT(String(Match regex("(?<n>a)\\k<n>";"aa")))  // expect: True
ALERT(String(Match regex("\\p{NoSuchProperty}";"a")))  // expect error: 90060
