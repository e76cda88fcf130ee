// Error handler installed with ON ERR CALL: records what it saw
handled:=String(Error)+" in "+Error method+" line "+String(Error line)
