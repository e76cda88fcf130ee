// Raises an error for the caller's Try
throw(77; "failed in method")
