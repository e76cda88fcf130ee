"""A large, varied, valid 4D source text for measuring parse throughput."""

from __future__ import annotations

_HEADER = """\
//%attributes = {"lang":"en"}
// Typical application code (declarations, loops, objects, calls), repeated.
#DECLARE($input : Object; $count : Integer)->$result : Collection
var $item; $entry : Object
var $k : Integer
var $label : Text
$result:=New collection
"""

_BODY = """\
// Part {i}
var $total{i} : Integer
$total{i}:=0
/* block comment
   spanning lines */
For ($k; 1; $count)
	$entry:=New object("id"; $k; "name"; "item "+String($k); "price"; $k*1.5)
	$entry.tags:=["a{i}"; "b"; "c"]
	$entry.meta:={created: Current date; owner: "user{i}"; level: $k%5}
	If (($k%3)=0) & ($entry.price>10)
		$entry.kind:="triple"
	Else
		$entry.kind:="plain"  // trailing comment
	End if
	$result.push($entry)
	$total{i}:=$total{i}+$k
End for
For each ($item; $result)
	Case of
		: ($item.kind="triple")
			$label:=Uppercase($item.name)
		: (Length($item.name)>6)
			$label:=Substring($item.name; 1; 6)
		Else
			$label:=Lowercase($item.name)
	End case
	$item.label:=$label+" / "+String($item.price; "###0.00")
End for each
$k:=0
While ($k<$result.length)
	If ($result[$k].price>=100)
		$result.remove($k)
	Else
		$k:=$k+1
	End if
End while
Repeat
	$k:=$k-1
Until ($k<=0)
$input.summary:=JSON Stringify({total: $total{i}; n: $result.length; ok: True})
$label:=($total{i}>1000) ? "big" : "small"
ALERT("Done: "+$label+" "+String($total{i}))

"""


def corpus(target_bytes: int) -> str:
    """About `target_bytes` of 4D code: one method whose body is numbered copies of typical code."""
    parts = [_HEADER]
    size = len(_HEADER)
    i = 0
    while size < target_bytes:
        chunk = _BODY.replace("{i}", str(i))
        parts.append(chunk)
        size += len(chunk.encode("utf-8"))
        i += 1
    return "".join(parts)
