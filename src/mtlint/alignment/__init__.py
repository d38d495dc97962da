"""Internals of the sentence aligner; the public entry point is `mtlint.align.align`."""
