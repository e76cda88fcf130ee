// Interprocess variables are visible from every method
#DECLARE($v : Text)
<>list.push($v)
