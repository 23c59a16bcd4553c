"""leadgate's gRPC edge: translation, transport and batch doors around the redaction engine."""

__version__ = "0.1.0"
