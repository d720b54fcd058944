"""Benchmarks: `python -m benchmarks.NAME` prints figures and a baseline measured in the same run."""
