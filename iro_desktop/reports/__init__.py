"""Figures computed from domain data: pure functions over plain data."""
