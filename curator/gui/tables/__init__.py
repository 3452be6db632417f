"""The Tables workspace: the review's tables as live, read-only views, with copy and export."""
