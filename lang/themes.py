"""Why a known 4D command cannot run in mini4d, derived from its name's theme.

mini4d has no forms, no windows and no printer; its datastore covers the database language
but not everything around it. Command names in 4D follow their theme closely (`QUERY`,
`ORDER BY`, `OBJECT SET ...`, `LISTBOX ...`), so a small table of name patterns gives the user
a precise reason; the commands of the database themes have theirs one by one (`DATABASE_REASONS`,
listed in docs/data.md).
"""

from __future__ import annotations

import re

DATABASE = "mini4d does not implement this database command yet"
FORMS = "it needs 4D forms"
UI = "it needs the 4D user interface"
PRINTING = "it needs 4D printing"
SQL = "it needs the 4D SQL engine"
NETWORK = "it needs a 4D server component (web, HTTP, mail or network)"
APPLICATION = "it needs the 4D application (structure, licenses, backup or settings)"
PICTURES = "mini4d has no picture support"
PLUGIN = "it is a plug-in command"
XML = "XML commands are not implemented in mini4d yet"
LOCALIZATION = "it needs the project's localization resources"
DEFAULT = "mini4d does not implement it yet"

# The database themes, command by command (docs/data.md "Commands not supported yet, and why").
DB_FORMS = "it opens 4D's forms, editors or dialogs, and mini4d has no user interface"
DB_INDEXES = "indexes come from the catalog: mini4d creates them in SQL and keeps them up to date"
DB_MAINTENANCE = (
    "backup, log file, verification and compaction of the data are left to SQLite's or PostgreSQL's own tools"
)
DB_STRUCTURE = "the structure is the project's catalog, read when the run starts and never changed by code"
DB_REMOTE = "mini4d works on the project's own datastore only (no remote datastore, no 4D Server)"
DB_CHANNEL = "it reads or writes 4D's document channel (SET CHANNEL), which mini4d does not have"
DB_OBJECT_QUERY = 'not yet: list Object attributes with ORDA (es.distinctPaths("extra"), es.distinct("extra.level"))'
DB_SETS_ON_DISK = "not yet: sets live in memory only (keep record numbers with SELECTION TO ARRAY, BLOB or JSON)"
DB_IMPORT = "it uses 4D's import/export formats and dialogs; use Selection to JSON and JSON TO SELECTION"
DB_NOT_YET = "not yet in mini4d's datastore"
DB_SUBRECORDS = "subrecords are obsolete in 4D (Object fields replace them)"

DATABASE_REASONS: dict[str, str] = {
    # forms, editors, dialogs
    "add record": DB_FORMS,
    "modify record": DB_FORMS,
    "display record": DB_FORMS,
    "display selection": DB_FORMS,
    "modify selection": DB_FORMS,
    "query by example": DB_FORMS,
    "highlight records": DB_FORMS,
    "get highlighted records": DB_FORMS,
    "get field entry properties": DB_FORMS,
    "set field titles": DB_FORMS,
    "set table titles": DB_FORMS,
    "current form table": DB_FORMS,
    # indexes
    "create index": DB_INDEXES,
    "delete index": DB_INDEXES,
    "scan index": DB_INDEXES,
    "pause indexes": DB_INDEXES,
    "resume indexes": DB_INDEXES,
    "get indexed string": DB_INDEXES,
    # data file maintenance
    "backup": DB_MAINTENANCE,
    "get backup information": DB_MAINTENANCE,
    "select log file": DB_MAINTENANCE,
    "log file": DB_MAINTENANCE,
    "check log file": DB_MAINTENANCE,
    "verify current data file": DB_MAINTENANCE,
    "verify data file": DB_MAINTENANCE,
    "compact data file": DB_MAINTENANCE,
    "get table fragmentation": DB_MAINTENANCE,
    "is data file locked": DB_MAINTENANCE,
    # structure
    "export structure": DB_STRUCTURE,
    "export structure file": DB_STRUCTURE,
    "structure file": DB_STRUCTURE,
    "open database": DB_STRUCTURE,
    "trigger properties": DB_STRUCTURE,
    # other datastores, channels
    "open datastore": DB_REMOTE,
    "send record": DB_CHANNEL,
    "receive record": DB_CHANNEL,
    # Object fields
    "distinct attribute paths": DB_OBJECT_QUERY,
    "distinct attribute values": DB_OBJECT_QUERY,
    # import, export
    "import data": DB_IMPORT,
    "export data": DB_IMPORT,
    "import text": DB_IMPORT,
    "export text": DB_IMPORT,
    "import dif": DB_IMPORT,
    "export dif": DB_IMPORT,
    "import sylk": DB_IMPORT,
    "export sylk": DB_IMPORT,
    # not yet
    "save set": DB_SETS_ON_DISK,
    "load set": DB_SETS_ON_DISK,
    "set database parameter": DB_NOT_YET,
    "describe query execution": DB_NOT_YET,
    "get locked records info": DB_NOT_YET,
    "get subrecord key": DB_SUBRECORDS,
}

# Commands whose names look like the database themes but are not theirs.
_NOT_DATABASE: dict[str, str] = {
    "use character set": DEFAULT,
    "delete document": DEFAULT,
    "delete folder": DEFAULT,
    "delete from blob": DEFAULT,
    "load variables": DEFAULT,
    "save variables": DEFAULT,
    "verify password hash": DEFAULT,
    "goto xy": UI,
    "delete menu item": UI,
    "delete user": APPLICATION,
    "get database localization": LOCALIZATION,
    "set database localization": LOCALIZATION,
}

# (pattern on the command name, reason): first match wins. Case-insensitive.
_RULES: list[tuple[str, str]] = [
    (r"^_o_", "it is an obsolete command"),
    (r"sql|^odbc", SQL),
    (r"xml|^dom |^sax ", XML),
    (r"localized", LOCALIZATION),
    (r"print|^pdf|^page (break|setup)|^subtotal|^level$|^accumulate|^break level|^qr ", PRINTING),
    (
        r"^listbox|^form|^object |^objects? |^obj |^lb |^on event|^dialog$|^open form window|^filter event"
        r"|^call subform|^execute method in subform|^add record|^modify record|^display (record|selection)"
        r"|^modify selection|^input form|^output form|^goto object|^button|^focus|^keystroke|^get edited text"
        r"|^highlight|^post (click|key|event)|^set (field|entry|choice|format|filter|visible|enterable|color|rgb)"
        r"|^redraw|^drag|^drop|^_o_drag|^get (auto|print|format)|^set (timer|about|help)|^cancel$|^accept$"
        r"|^reject|^self$|^focus object|^current form|^editing|^st |^wa |^vp |^wp |^sva|^spell",
        FORMS,
    ),
    (
        r"window|^menu|menu bar|^alert$|^confirm$|^request$|^display notification|^message|^erase window"
        r"|^gotoxy|^beep|^play|^show|^hide|^mouse|^get mouse|^select (document|folder)|^set cursor|^pop up menu"
        r"|list|^count list|^get list|^set list|^append to list|^insert in list|^delete from list|^new list"
        r"|^clear list|^copy list|^load list|^save list|^sort list|^select list|^expand|^collapse|^pasteboard"
        r"|clipboard|^get picture from pasteboard|^set picture to pasteboard|^append data to pasteboard|^screen"
        r"|^menu|^tool bar|^shortcut|^set (menu|window)|^get (window|menu)|^user in group|^dialog",
        UI,
    ),
    (
        r"picture|^transform|^combine pictures|^convert picture|^create thumbnail|^read picture|^write picture"
        r"|^svg ",
        PICTURES,
    ),
    (
        r"record|selection|query|^order by|^find in field|field|table|^relate|relation|^load|^save |^delete "
        r"|^create (set|empty set|record)|set$|sets$|^union|^intersection|^difference|^add to set|^remove from set"
        r"|^is in set|^records in|^clear (set|named selection|semaphore$)|named selection|^copy set|^use set"
        r"|^transaction|^start transaction|^validate transaction|^cancel transaction|^in transaction|^locked"
        r"|^unload|^read (only|write)|^lock|^sequence number|^distinct values|^sum|^average|^min$|^max$"
        r"|^std deviation|^variance|^sum squares|^count records|^index|^set index|^get index|^create index"
        r"|^delete index|^pause indexes|^resume indexes|^trigger|^on saving|^set cache|^flush cache"
        r"|^cache info|^ds |^export |^import |^set database|^get database|^data file|^structure file"
        r"|^verify|^compact|^repair|^log file|^integrate|^select log|^new log|^backup|^restore|^get backup"
        r"|^journal|^set automatic relations|^get automatic relations|^set field relation|^last table"
        r"|^get table|^get field|^set table|^current default table|^default table|^first |^next |^previous "
        r"|^last |^goto |^before |^end selection|^before selection|^reduce selection|^scan index|^apply to"
        r"|^array to selection|^push record|^pop record|^duplicate record|^receive record|^send record"
        r"|^is record|^is new record|^modified|^old$|^get subrecord|subrecord|^open data|^create data"
        r"|^drop remote|^set query|^describe query|^last query",
        DATABASE,
    ),
    (
        r"^web |^http|^soap|^ldap|^smtp|^pop3|^imap|^ftp|^tcp|^udp|^wsdl|^set web|^get web|^open url"
        r"|^send (packet|message)|^receive (packet|message)|^set channel|^open (web|remote)|^it_|^net_",
        NETWORK,
    ),
    (
        r"^get 4d|^set 4d|license|^quit 4d|^restart 4d|^open (project|database|administration)|^get plugin"
        r"|^component|^plugin|^method |^macro|^execute on server|^get (serial|database)|^set update"
        r"|^user|^group|^change (password|current user|access|licenses)|^set user|^get user|^validate password"
        r"|^is user|^current (user|machine owner)|^edit access|^set group|^get group|^delete user|^blob to users"
        r"|^users to blob|^set current user|^export structure|^import structure|^create related|^get relation"
        r"|^notify resources|^resource|^get resource|^set resource|^open resource|^close resource"
        r"|^create resource|^delete resource|^copy resource",
        APPLICATION,
    ),
]

_COMPILED = [(re.compile(p, re.I), r) for p, r in _RULES]


def reason_for(name: str) -> str:
    """Why the command named `name` is not supported (a short clause for the error text)."""
    key = " ".join(name.split())
    exact = DATABASE_REASONS.get(key.lower()) or _NOT_DATABASE.get(key.lower())
    if exact is not None:
        return exact
    for rx, reason in _COMPILED:
        if rx.search(key):
            return reason
    return DEFAULT
