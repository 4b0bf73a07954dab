"""Citations of the dataset and of single records: BibTeX, APA 7 and CSL-JSON (``styles``).

Everything comes from a built package. May import every stage below it.
"""
