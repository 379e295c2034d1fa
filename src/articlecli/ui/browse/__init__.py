"""``articlecli browse``: the full-screen reader (Textual). Only the ``browse``
command imports this package, so no other command pays for Textual."""
