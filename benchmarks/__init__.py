"""Benchmarks: `python -m benchmarks.NAME`, each printing its figures and a same-run baseline."""
