"""Run a batch job on Spark: the local door's per-record function, on executors.

By role: executor.py is what runs in the Python workers (records of numbered lines,
redacted in chunks, one typed result per record); specs.py what the driver learns
of each input first; session.py starting a quiet session and wording a Java error;
driver.py the job (profile, redact, count, save, then record); __main__.py the
spark-submit entry point (``spark-submit gateway/batch/spark/__main__.py``).

Lines are read with ``sc.textFile`` and numbered with ``zipWithIndex`` per input
file, turned into the same InputRecords the local reader makes (same problems,
same words: the helpers come from inputs.py) and handed to ``process_record``
inside ``mapPartitions`` (by ``process_chunk``, in chunks, as the local door
does). Each executor Python process builds the engine once (a module-level
cache keyed by the settings) and keeps it for every later task. Each record
comes back as one ``Redacted``: its outcome to count, its output line, its
ledger entry; the driver counts, saves the lines, and only then records.

Partitions stay in input order (files in order, then lines), so the part files
of the output directory, read in name order, are the local door's output.

Before that, each file's first records are profiled, as the local door does
(``job.profile_records``): the driver reads their lines through the JVM and one
Python task profiles them all; the column kinds found ship with each file's spec.

Where Spark differs from the local door (documented, not hidden):

* Output is a directory of JSONL part files (``part-00000.jsonl`` ..., then
  ``_SUCCESS``); never ``-``, never CSV.
* A CSV quoted field that spans lines is not supported: each line is parsed on
  its own, so the line that opens it is reported as a bad row (and the lines
  after it are parsed as rows of their own, usually with the wrong column count).
* Hadoop decodes lines with U+FFFD for bytes that are not UTF-8, so a line with
  a literal U+FFFD is reported "not valid UTF-8" (the local door would accept it).
  Hadoop also ends a line at a lone carriage return, which Python does not.
* Paths without a scheme are local files (``file://``), checked on the driver: a
  missing one is a bad record, as locally. ``hdfs://``, ``s3a://`` ... are passed
  to Spark as they are (a directory there is one input, its lines numbered across
  its files). A file Spark cannot read, or that stops being readable half-way (a
  truncated .gz), fails the whole job: an OSError naming the root cause.
* ``--workers`` and ``--progress`` do not apply: Spark's cores and partitions are the workers.
"""
