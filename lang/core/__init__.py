"""The core of the interpreter: 4D nodes compiled once into Python closures, by concern.

`frames` (frames, code units, scopes, status codes), `conversions` (the converters of
declared types), `access` (properties, indexes, assignable places), `statements`,
`expressions`, `commands` (command call sites), `calls` (methods, functions, member
calls, error handlers), `fastops` (specialised closures for the hottest shapes), `hooks`
(the type-keyed extension points) and `api` (what the commands of stdlib/ may use).
`lang/interpreter.py` assembles them into the `Interpreter`.
"""
