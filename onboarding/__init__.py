"""Bringing agencies on board: per-agency join links, agency moves, tracking and the letter."""
