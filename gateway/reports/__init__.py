"""Audit reports over the ledger: CSV/JSON rows and the HTML report."""
