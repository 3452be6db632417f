"""The Qt window over curator.core. Widgets, Qt models, actions, workers and undo live here."""
