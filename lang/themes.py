"""Why a known 4D command cannot run in mini4d, derived from its name's theme.

mini4d has no database, no forms, no windows and no printer. Command names in 4D
follow their theme closely (`QUERY`, `ORDER BY`, `OBJECT SET ...`, `LISTBOX ...`),
so a small table of name patterns gives the user a precise reason.
"""

from __future__ import annotations

import re

DATABASE = "it needs the 4D database"
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
    for rx, reason in _COMPILED:
        if rx.search(key):
            return reason
    return DEFAULT
