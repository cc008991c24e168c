"""What keeps state or runs beside the main process: the one cache and the one way to fork."""
