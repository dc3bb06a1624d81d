"""Evaluation of polemos stages against gold sets (``polemos eval ...``)."""
