"""The duplicate review queue: candidate pairs side by side, answered from the keyboard."""
