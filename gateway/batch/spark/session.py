"""A Spark session for a batch job, started quiet; a failed job's Java error on one line."""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

APP_NAME = "leadgate-redact"


def start_session(master: str | None = None) -> SparkSession:
    """A quiet classic Spark session; on a local master, bound to 127.0.0.1 with our Python.

    ``master`` None means spark-submit's ``--master`` if there was one, else local[*].
    On a local master nothing listens beyond loopback and the Python workers are
    this interpreter (they must import ``gateway``). Cluster masters keep Spark's
    addresses: executors on other machines must reach the driver.
    """
    from pyspark import SparkConf
    from pyspark.sql import SparkSession

    resolved = master or SparkConf().get("spark.master") or "local[*]"
    builder = (
        SparkSession.builder.master(resolved)
        .appName(APP_NAME)
        .config("spark.api.mode", "classic")  # the RDD API: Spark Connect has none
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
    )
    if resolved.startswith("local"):
        builder = builder.config("spark.driver.host", "127.0.0.1").config(
            "spark.driver.bindAddress", "127.0.0.1"
        )
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")  # a JVM started from here
    with _quiet_jvm():
        spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")  # a JVM already running (spark-submit) too
    return spark


# The driver JVM's log4j2 configuration when this process starts it: errors only, on
# stderr. Without one Spark loads its own defaults and says so, sets WARN and says
# so, and warns about native Hadoop libraries: lines an operator reads as trouble.
LOG4J2_PROPERTIES = """\
rootLogger.level = error
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n%ex
# A Python driver's JVM starts here; Spark sets the root level to this logger's
# (WARN when it has none) and says so, unless the two already agree.
logger.gateway.name = org.apache.spark.api.python.PythonGatewayServer
logger.gateway.level = error
"""


@contextmanager
def _quiet_jvm() -> Iterator[None]:
    """While a session starts: a JVM launched from here reads LOG4J2_PROPERTIES.

    Through ``SPARK_SUBMIT_OPTS`` (read by the launcher before ``--conf`` options),
    so a ``spark.driver.extraJavaOptions`` of the operator's own, log4j2 file
    included, still applies and wins. The file is needed only while the JVM starts.
    """
    logging.getLogger("py4j").setLevel(logging.WARNING)  # its INFO lines at every stop
    before = os.environ.get("SPARK_SUBMIT_OPTS")
    with tempfile.TemporaryDirectory(prefix="leadgate-spark-") as folder:
        config = Path(folder) / "log4j2.properties"
        config.write_text(LOG4J2_PROPERTIES)
        option = f"-Dlog4j2.configurationFile={config.as_uri()}"
        os.environ["SPARK_SUBMIT_OPTS"] = f"{before} {option}" if before else option
        try:
            yield
        finally:
            if before is None:
                os.environ.pop("SPARK_SUBMIT_OPTS", None)
            else:
                os.environ["SPARK_SUBMIT_OPTS"] = before


def java_message(error: BaseException) -> str:
    """The root cause of a failed Spark job, on one line (the stack is in Spark's log)."""
    text = str(error)
    try:
        cause = error.java_exception  # type: ignore[attr-defined]
        for _ in range(20):  # "Job aborted ... Python worker exited" -> "EOFException ..."
            deeper = cause.getCause()
            if deeper is None:
                break
            cause = deeper
        text = str(cause.toString())
    except Exception:  # the gateway may be gone: keep the Python text
        pass
    lines = text.strip().splitlines()
    return lines[0][:500] if lines else type(error).__name__
