// Throws two deferred errors: both reach the caller when the method returns
throw({errCode: 1; message: "first"; deferred: True})
throw({errCode: 2; message: "second"; deferred: True})
