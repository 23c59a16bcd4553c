"""The batch door: files of leads and transcripts through the same engine as the server.

inputs.py reads and parses (JSONL/CSV, directories, gzip, stdin), job.py is the
per-record function every door runs (local workers and Spark executors alike),
loop.py the one record loop (write, count, bad records, progress, ledger),
outputs.py writes, summary.py counts, options.py holds what a job was asked;
local.py runs a job on this machine, remote.py through a running gateway,
spark/ on a Spark cluster, and run.py picks one.
"""

from gateway.batch.local import run_local
from gateway.batch.loop import BatchAbortedError
from gateway.batch.options import BatchOptions
from gateway.batch.run import run_batch
from gateway.batch.summary import BatchSummary

__all__ = ["BatchAbortedError", "BatchOptions", "BatchSummary", "run_batch", "run_local"]
