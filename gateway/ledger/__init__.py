"""The compliance ledger: what was done with each record, for whom, under which terms.

It holds counts, tags and keyed hashes, never a record's values. ``store`` is
the interface, ``sqlite_store`` the default backend, ``writer`` the request
path's group commit; ``rights``, ``retention`` and ``audit``/``report`` are what
the CLI offers on top.
"""
