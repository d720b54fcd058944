"""Historical import: the extract format, reading its cells and every check made before anything is stored.

Pure: nothing here reads files or touches the store. The service hands in the rows of each CSV file and
what the records already hold (`checks.Known`), and gets back typed records and every problem found.
"""
