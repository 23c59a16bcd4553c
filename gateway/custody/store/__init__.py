"""Ledger storage: the LedgerStore protocol, its SQLite and its PostgreSQL implementations."""
