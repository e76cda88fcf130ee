ALERT("golden")
ALERT("Two"+Char(13)+"lines")
