"""Pure domain vocabulary shared by every package: text folding, statuses, outcome classes."""
