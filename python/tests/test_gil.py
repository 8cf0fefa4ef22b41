"""Heavy work (import, evaluation, reports) releases the GIL: another Python
thread keeps running while lvzhi works."""

import sys
import threading
import time

import pytest

import lvzhi


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    folder = tmp_path_factory.mktemp("big")
    lvzhi.sample(seed=3, members=3000).to_dir(folder)
    return folder


def spin_share(work):
    """The share of `work`'s wall time during which a Python thread could count."""
    count = 0
    stop = False

    def spin():
        nonlocal count
        while not stop:
            count += 1

    old = sys.getswitchinterval()
    sys.setswitchinterval(0.001)
    thread = threading.Thread(target=spin)
    thread.start()
    try:
        time.sleep(0.05)
        before, t0 = count, time.perf_counter()
        time.sleep(0.1)  # the counting rate with nothing else to do
        rate = (count - before) / (time.perf_counter() - t0)
        before, t0 = count, time.perf_counter()
        work()
        elapsed = time.perf_counter() - t0
        during = count - before
    finally:
        stop = True
        thread.join()
        sys.setswitchinterval(old)
    return during / (rate * elapsed)


def test_loading_a_folder(big):
    assert spin_share(lambda: lvzhi.Ledger.from_dir(big)) > 0.1


def test_evaluating(big):
    ledger = lvzhi.Ledger.from_dir(big)
    rules = lvzhi.RuleSet.preset("jinan-2015")
    assert spin_share(lambda: lvzhi.evaluate(ledger, rules, 2025)) > 0.1


def test_reading_frames(big):
    # parsing the frames (the Rust side of Ledger.from_frames) runs without the GIL
    ledger = lvzhi.Ledger.from_dir(big)
    frames = [t.to_arrow() for t in (ledger.members(), ledger.activities(), ledger.participations())]
    assert spin_share(lambda: lvzhi.Ledger.from_frames(ledger.committee, *frames)) > 0.1


def test_scoring_a_parquet_folder(province):
    assert spin_share(lambda: lvzhi.score_parquet(province, "jinan-2015", 2025)) > 0.1


def test_generating_a_parquet_folder(tmp_path):
    assert spin_share(lambda: lvzhi.generate_parquet(tmp_path / "gen", "county", intensity=4)) > 0.1


def test_writing_reports(ledger, tmp_path):
    assert spin_share(lambda: lvzhi.report(ledger, 2025, out=tmp_path, format="markdown")) > 0.1


def test_holding_the_gil_would_show():
    # the measure itself: a long C call holding the GIL leaves the counting
    # thread (almost) no time
    assert spin_share(lambda: sum(range(30_000_000))) < 0.1
