"""``qda.arrays.distinct``: numpy's ``np.unique`` of values alone, by a sort (numpy 2.3 made it hash-based
and far slower on keys that are nearly all distinct); its answers must be ``np.unique``'s exactly."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from qda.arrays import distinct


@settings(max_examples=200, deadline=None)
@given(arrays(np.int64, st.integers(0, 300), elements=st.integers(-2 ** 62, 2 ** 62)), st.sampled_from([None, "stable"]))
def test_distinct_is_numpys_unique(values, kind):
    found = distinct(values, kind=kind)
    assert found.dtype == values.dtype
    assert found.tolist() == np.unique(values).tolist() == sorted(set(values.tolist()))


@settings(max_examples=50, deadline=None)
@given(arrays(np.int64, st.integers(0, 200), elements=st.integers(0, 5)))
def test_distinct_of_keys_that_repeat(values):
    assert distinct(values).tolist() == sorted(set(values.tolist()))


def test_distinct_leaves_the_array_it_is_given_as_it_was():
    values = np.array([3, 1, 3, 2], dtype=np.int64)
    assert distinct(values).tolist() == [1, 2, 3]
    assert values.tolist() == [3, 1, 3, 2]


def test_distinct_of_a_column_of_a_2d_array_is_flat():
    assert distinct(np.array([[2, 1], [2, 5]])).tolist() == [1, 2, 5]
