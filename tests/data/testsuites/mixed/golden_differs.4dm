ALERT("actual")
