// PROCESS 4D TAGS outside the web server
var $out : Text
PROCESS 4D TAGS("no tags here"; $out)
ALERT($out)  // expect: no tags here
PROCESS 4D TAGS("<p><!--#4DTEXT \"<b>&\"+\"'\"--></p>"; $out)
ALERT($out)  // expect: <p>&lt;b&gt;&amp;&#x27;</p>
PROCESS 4D TAGS("<!--#4DHTML \"<b>\"-->"; $out)
ALERT($out)  // expect: <b>
PROCESS 4D TAGS("<!--#4DEVAL $x:=42-->[<!--#4DTEXT $x-->]<!--#4DEVAL $x+1-->"; $out)
ALERT($out)  // expect: [42]43
PROCESS 4D TAGS("<!--#4DTEXT $1+$2-->"; $out; 3; 4)
ALERT($out)  // expect: 7
PROCESS 4D TAGS("<!--#4DIF ($1>5)-->big<!--#4DELSEIF ($1>2)-->middle<!--#4DELSE-->small<!--#4DENDIF-->"; $out; 3)
ALERT($out)  // expect: middle
PROCESS 4D TAGS("<!--#4DIF 1-->x<!--#4DENDIF-->"; $out)
ALERT($out)  // expect: <!--#4DIF 1-->: A Boolean expression was expected
PROCESS 4D TAGS("a<!--#4DIF True-->b"; $out)
ALERT($out)  // expect: a<!--#4DIF True-->: 4DENDIF expected
PROCESS 4D TAGS("<!--#4DEACH $v in $1--><!--#4DTEXT $v-->;<!--#4DENDEACH-->"; $out; ["a"; "b"; "c"])
ALERT($out)  // expect: a;b;c;
PROCESS 4D TAGS("<!--#4DEACH $k in $1--><!--#4DTEXT $k-->=<!--#4DTEXT $1[$k]-->,<!--#4DENDEACH-->"; $out; {x: 1; y: 2})
ALERT($out)  // expect: x=1,y=2,
PROCESS 4D TAGS("<!--#4DEACH $v in $1-->[<!--#4DTEXT $v-->]<!--#4DENDEACH-->"; $out; [1; "two"])
ALERT($out)  // expect: [1]<!--#4DEACH $v in $1-->: the elements are not all of one type
ARRAY TEXT(tagItems; 3)
tagItems{1}:="x"
tagItems{2}:="y"
tagItems{3}:="z"
PROCESS 4D TAGS("<!--#4DLOOP tagItems-->*<!--#4DENDLOOP-->"; $out)
ALERT($out)  // expect: ***
PROCESS 4D TAGS("<!--#4DCODE\n$n:=0\n--><!--#4DLOOP ($n<3)--><!--#4DEVAL $n:=$n+1--><!--#4DTEXT $n--><!--#4DENDLOOP-->"; $out)
ALERT($out)  // expect: 123
PROCESS 4D TAGS("$4DTEXT(\"<a>\") $4DHTML(\"<a>\") $4DEVAL(1+(2*3))"; $out)
ALERT($out)  // expect: &lt;a&gt; <a> 7
PROCESS 4D TAGS("<!--#4DHTML $1-->"; $out; "<!--#4DTEXT 6*7-->")
ALERT($out)  // expect: 42
PROCESS 4D TAGS("<!--#4DTEXT $1-->"; $out; "<!--#4DTEXT 6*7-->")
ALERT($out)  // expect: &lt;!--#4DTEXT 6*7--&gt;
PROCESS 4D TAGS("<!--#4DTEXT 1/\"a\"-->"; $out)
ALERT(Substring($out; 1; 40))  // expect: <!--#4DTEXT 1/"a"--> : ## error # 90010
PROCESS 4D TAGS("<!--#4DTEXT {a: 1}--> <!--#4DTEXT Null-->|<!--#4DTEXT True-->"; $out)
ALERT($out)  // expect: {&quot;a&quot;:1} |True
PROCESS 4D TAGS("<!--#4DINCLUDE nothing.html-->"; $out)
ALERT($out)  // expect: <!--#4DINCLUDE nothing.html--> :The document cannot be opened
