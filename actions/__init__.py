"""Rasa SDK custom actions: turn slots into facts, call `knowledge`, render its advice.

Pure helpers (`facts`, `extract`, `render`) hold the logic and are tested on their own; the
action classes (`slots`, `form`, `ask`, `answer`) are thin. The help desk's actions: `records`
(every answer is recorded; "a record of this advice"), `handoff` (offer a person, take a
contact, file a ticket) and `supplier` (the supplier's extra questions and ABN Lookup). The
store is made on first use, never at import.

Importing this package (as ``rasa run actions --actions actions`` does) installs the log
redaction of `bot.privacy` on the action server process: no e-mail address, phone number, ABN
or name reaches its logs.
"""

from bot.privacy import install_redaction

install_redaction()
