// #tags: method
ASSERT(Length("abc")=3)
ALERT("method ran")
