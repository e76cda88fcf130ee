// A method declaring a tokenized class type for its parameter and its result
#DECLARE($owner : cs:C1710.Person) : cs:C1710.Mailbox
return cs:C1710.Mailbox.new($owner)
