"""What happens to a record after redaction: ledger entry, outbox, delivery, retention, rights.

Imports neither grpc nor protobuf (tests/gateway/custody/test_no_grpc.py).
"""
