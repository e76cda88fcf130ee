// #tags: method
ASSERT(Length("abc")=4; "abc has three characters")
