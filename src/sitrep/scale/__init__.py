"""Scale out: the same `code_many` mapped over partitions of a large input on Dask (`batch.py`), and
the results brought into the store (`load` in `batch.py`). The commands are in `cli.py`."""
