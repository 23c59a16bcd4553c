"""The gRPC edge: server, supervisor, servicer, interceptors, auth, metrics, health."""
