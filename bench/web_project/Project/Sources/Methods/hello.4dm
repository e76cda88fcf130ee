//%attributes = {"publishedWeb":true}
WEB SEND TEXT("hello"; "text/plain")
