// hello.4dm — the smallest mini4d program.
// Teaches: ALERT writes its text to standard output; String converts a number to text.
ALERT("Hello, 4D!")
$year:=2026
ALERT("mini4d runs 4D code outside 4D since "+String($year))
