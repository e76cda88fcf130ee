// ON ERR CALL handler: shows Error, Error method, Error line and Error formula
ALERT(String(Error)+" in "+Error method+" line "+String(Error line)+": "+Error formula)
