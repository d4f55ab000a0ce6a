"""Reporting periods: the working calendar, Decree 09's windows and deadlines (pure), declared
days off, who still owes a report, and the store of each plan's periods."""
