"""Models: built in the shared-core issue."""
