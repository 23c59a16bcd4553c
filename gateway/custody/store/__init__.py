"""Ledger storage: the LedgerStore protocol and its SQLite implementation."""
