"""The site's benchmark (`make bench`, `make bench-quick`): page weight, build time, scaling.

Not a test: it measures and prints a table (bench/results/latest.md). See `python -m bench --help`.
"""
