// error handler used by errors_output.4dm: reports the error and goes on
ALERT("handled "+String(Error))
