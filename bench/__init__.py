"""Benchmarks (not tests): timings are measured and printed beside their floor, never asserted."""
