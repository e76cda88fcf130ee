// Forms 4D itself writes when it saves a method (tokenized names, legacy syntax), each with
// its result. Sources: spec/syntax.md §2.2, docs/commands/query.md, apply-to-selection.md,
// application-type.md, version-type.md.

// commands whose name starts with "Use": the command, not the `Use` keyword
USE SET:C118("chosen")  // expect error: The set "chosen" does not exist
USE NAMED SELECTION:C332("kept")  // expect error: The named selection "kept" does not exist
USE SET("chosen")  // expect error: The set "chosen" does not exist

// constants whose name starts with a digit, tokenized or not
ALERT(String:C10(4D Server:K5:6))  // expect: 5
ALERT(String(4D Remote mode)+String(4D Local mode))  // expect: 40
ALERT(String:C10(64 bit version:K5:25))  // expect: 1
ALERT(String(Application type:C494=4D Server:K5:6))  // expect: False
$kind:=Application type
If ($kind#4D Server) & ($kind=4D Local mode:K5:1)
	ALERT("single user")  // expect: single user
End if

// the class stores tokenized
ALERT(String:C10(OB Instance of:C1731(4D:C1709.File; 4D:C1709.Class)))  // expect: True

// interprocess names may start with a digit; `<` before an interprocess variable
<>4d_limit:=10
$y:=3
If ($y<<>4d_limit)
	ALERT("below")  // expect: below
End if
ALERT(String:C10(<>4d_limit>>1))  // expect: 5

// var declares interprocess variables and the type of parameters from n on
var <>saved_flag : Boolean
ALERT(String:C10(<>saved_flag))  // expect: False
var <>saved_count : Integer:=7
ALERT(String:C10(<>saved_count+1))  // expect: 8
var ${2} : Text
ALERT(String:C10(Count parameters:C259))  // expect: 0

// a local name may hold a pictograph
$🍕:=2
$🍕🍕:=$🍕*3
ALERT(String:C10($🍕🍕))  // expect: 6

// #DECLARE without parentheses
ALERT(_Decl_result.join(","))  // expect: a,b
ALERT(String:C10(_Decl_type))  // expect: True

// a // comment whose line ends with \ goes on over the next line
//$list:=New collection(\
"never"; \
"run")
ALERT("after the comment")  // expect: after the comment

// `break` and `continue` end their line: BREAK LEVEL is a command (printing: not run)
BREAK LEVEL:C302(1)  // expect error: `BREAK LEVEL` is not supported by mini4d: it needs 4D printing

// QUERY's conjunctions and comparators alone as parameters (no catalog here; run on data in tests/datastore)
QUERY:C277([Invoice:3]; [Invoice:3]Paid:5=False:C215; *)  // expect error: Unknown table [Invoice]
QUERY:C277([Invoice:3]; & ; [Invoice:3]Year:6; >=; 2020)  // expect error: Unknown table [Invoice]
QUERY:C277([Invoice:3]; | [Invoice:3]Total:7#0)  // expect error: Unknown table [Invoice]
QUERY SELECTION([Invoice]; #; [Invoice]Paid=True)  // expect error: Unknown table [Invoice]

// the statement of APPLY TO SELECTION is an assignment (no catalog here)
APPLY TO SELECTION:C70([Invoice:3]; [Invoice:3]Paid:5:=True:C214)  // expect error: Unknown table [Invoice]

// field names with spaces or starting with a digit
$p:=->[Client:3]Family name:7
$q:=->[Job:1]1stRunCount:9
ALERT(String:C10($p=$p)+" "+String:C10($p=$q))  // expect: True False
$n:=[Client:3]Family name:7  // expect error: Unknown table [Client]

// an error handler sees the line of the error as 4D shows it: plain names
ON ERR CALL:C155("_Show_error")
throw:C1805(9; "stop")  // expect: 9 in saved_forms line 74: throw(9; "stop")
ON ERR CALL:C155("")
