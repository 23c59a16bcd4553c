"""The engine's version, stamped on every record's tags.

Its own module so engine modules can read it without importing the package, whose
``__init__`` imports them.
"""

__version__ = "0.1.0"
