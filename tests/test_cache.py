"""FrozenIndex: a str -> int / tuple mapping that unpickles in milliseconds and answers as a dict does."""
from __future__ import annotations

import pickle
import random

import pytest

from sitrep.cache import FrozenIndex


def names(n: int, seed: int = 7) -> dict:
    rng = random.Random(seed)
    letters = "abcdeéfghiklmnoprstuyz' -"
    out = {}
    while len(out) < n:
        key = "".join(rng.choice(letters) for _ in range(rng.randint(1, 12)))
        out[key] = rng.randint(-2**40, 2**40) if rng.random() < 0.01 else (
            rng.randint(-300_000, 300_000) if rng.random() < 0.9 else
            tuple(rng.randint(-300_000, 300_000) for _ in range(rng.randint(2, 5))))
    return out


@pytest.mark.parametrize("mapping", [{}, {"": 3}, {"aleppo": 7}, {"raqqa": (1, ~2), "raqqah": -5}, names(5000)])
def test_answers_as_the_dict_does_before_and_after_pickling(mapping):
    index = FrozenIndex(mapping)
    again = pickle.loads(pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL))
    for got in (index, again):
        assert len(got) == len(mapping)
        assert list(got) == sorted(mapping)
        assert dict(got.items()) == mapping
        for key, value in mapping.items():
            assert got.get(key) == value and got[key] == value and key in got
        for missing in ("zzzz", "aleppo ", "raqq", "\uffff", " "):
            if missing not in mapping:
                assert got.get(missing) is None and missing not in got
                with pytest.raises(KeyError):
                    got[missing]
        assert got.get(3) is None and 3 not in got  # not a string: not there, as in a dict of strings

