"""The garbage collector's helpers restore what they found, whatever happens inside."""

from __future__ import annotations

import gc

import pytest

from curator.core import collector


def test_paused_turns_the_collector_off_and_back_on_only_if_it_was_on():
    assert gc.isenabled()
    with collector.paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with collector.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # someone else's choice stays
    finally:
        gc.enable()


def test_lasting_sets_what_it_built_aside_for_the_block_only():
    assert gc.get_freeze_count() == 0

    def build():
        assert not gc.isenabled()  # built with the collector paused
        return [[n] for n in range(1000)]

    with collector.lasting(build) as built:
        assert gc.isenabled() and len(built) == 1000
        assert gc.get_freeze_count() >= 1000  # the lists are set aside from the collector
    assert gc.get_freeze_count() == 0
    with pytest.raises(KeyError), collector.lasting(build):
        raise KeyError("a cancelled detection")
    assert gc.get_freeze_count() == 0 and gc.isenabled()
