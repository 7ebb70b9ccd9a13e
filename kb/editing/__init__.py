"""Tools for editors: starting a page (the last layer: it may use every other)."""
