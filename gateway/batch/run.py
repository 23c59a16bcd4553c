"""Run a batch job where it was asked to run: here, on Spark, or through a gateway."""

from __future__ import annotations

from pathlib import Path

from gateway.batch.local import run_local
from gateway.batch.options import BatchOptions
from gateway.batch.summary import BatchSummary
from gateway.config import Settings


def run_batch(
    settings: Settings,
    options: BatchOptions,
    engine: str = "local",
    spark_master: str | None = None,
    remote_ca: Path | None = None,
) -> BatchSummary:
    """Run the job where it was asked to run."""
    if options.remote:
        from gateway.batch.remote import run_remote

        return run_remote(options, remote_ca)
    from gateway.custody.files import open_ledger

    # The gateway records what goes through --remote; here, what this job redacts.
    # Opening makes the index key once, before any worker reads it.
    ledger, index = (None, None) if options.dry_run else open_ledger(settings)
    try:
        if engine == "spark":
            from gateway.batch.spark.driver import run_spark

            secret = index.secret if index is not None else None
            return run_spark(settings, options, spark_master, ledger=ledger, index_secret=secret)
        return run_local(settings, options, ledger=ledger, index=index)
    finally:
        if ledger is not None:
            ledger.close()
