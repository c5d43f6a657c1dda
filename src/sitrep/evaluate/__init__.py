"""Evaluations against gold data (`sitrep evaluate STAGE ...`): each stage scores itself.

One module per stage (`dates.py`, `tolls.py`, `actors.py`, `events.py`, `places.py`, ...), each
defining a click command named `command`; `cli.py` finds them. They read gold data only from the paths
they are given (by default ../shared/dev when it exists) and never ship it.
"""
