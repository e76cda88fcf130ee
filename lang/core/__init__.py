"""The core of the interpreter: 4D nodes compiled once into Python closures, by concern.

`frames` (frames, code units, scopes, status codes), `conversions` (the converters of
declared types), `properties` (the rules of property and element access), `access`
(compiling properties, indexes, assignable places), `statements`, `expressions`, `calls`
(command call sites, methods, functions, member calls, error handlers), `fastops`
(specialised closures for the hottest shapes, and the `FASTPATHS` switch), `hooks` (the
type-keyed extension points), `api` (what the commands of stdlib/ may use) and `protocol`
(for the type checker: what the concerns call on each other).
`lang/interpreter.py` assembles them into the `Interpreter`.
"""
