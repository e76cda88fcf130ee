// Log_error: an ON ERR CALL handler; Error, Error method and Error line describe the error
ALERT("error "+String(Error)+" in "+Error method+" at line "+String(Error line))
