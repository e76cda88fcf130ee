// Runs in a process of another session: Session is that session, Session storage is its own.
ALERT(Current process name+" runs for "+Session.userName+": cart = "+JSON Stringify(Session.storage.cart))
