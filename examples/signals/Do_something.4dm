// Runs in the worker: computes a result, stores it on the signal (a shared object), then triggers it.
#DECLARE($signal : 4D.Signal)
var $processingResult : Text
$processingResult:="42 widgets"
Use ($signal)
	$signal.myresult:=$processingResult
End use
$signal.trigger()
