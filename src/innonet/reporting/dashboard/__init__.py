"""The figures dashboard of staff and board, and the records behind each figure."""
