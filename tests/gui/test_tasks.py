"""The background-task helper (curator.gui.tasks) on real pool threads: results and errors come
back on the GUI thread by signal, cancel is honoured, progress arrives, the dialog waits 500 ms."""

from __future__ import annotations

import sys
import threading
import time

from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QProgressDialog, QPushButton

from curator.core.errors import CuratorError
from curator.gui.tasks import YIELD_SWITCH_INTERVAL, Task, show_progress


def on_thread(state, value):
    return value, threading.get_ident()


def test_result_is_delivered_on_the_gui_thread(qtbot):
    task = Task(on_thread, 42)
    received = []
    task.succeeded.connect(lambda result: received.append((result, threading.get_ident())))
    with qtbot.waitSignal(task.ended, timeout=10_000):
        task.start()
    ((value, job_thread), slot_thread) = received[0]
    assert value == 42
    assert job_thread != threading.get_ident()  # the job ran off the GUI thread
    assert slot_thread == threading.get_ident()  # the result came back to it
    assert task.outcome == "succeeded" and not task.running and task.result[0] == 42


def test_an_exception_is_delivered_as_the_failed_signal(qtbot):
    def refused(state):
        raise CuratorError("review.curator: the file is locked")

    def buggy(state):
        raise ValueError("bad index")

    for fn, expected in (
        (refused, "review.curator: the file is locked"),
        (buggy, "unexpected error: ValueError: bad index"),
    ):
        task = Task(fn)
        succeeded = []
        task.succeeded.connect(succeeded.append)
        with qtbot.waitSignal(task.failed, timeout=10_000) as blocker:
            task.start()
        assert blocker.args == [expected] and task.error == expected
        assert task.outcome == "failed" and not succeeded


def test_cancel_is_honoured(qtbot):
    started = threading.Event()
    steps = []

    def endless(state):
        started.set()
        while True:  # stops only at a check after cancel()
            state.check()
            steps.append(1)
            time.sleep(0.005)

    task = Task(endless)
    outcomes = []
    task.succeeded.connect(lambda _r: outcomes.append("succeeded"))
    task.failed.connect(lambda _m: outcomes.append("failed"))
    task.start()
    assert started.wait(10)
    with qtbot.waitSignal(task.cancelled, timeout=10_000):
        task.cancel()
    assert outcomes == [] and task.outcome == "cancelled"
    count = len(steps)
    time.sleep(0.05)
    assert len(steps) == count  # the job has really stopped


def test_progress_is_reported_on_the_gui_thread(qtbot):
    def counting(state):
        for done in range(1, 5):
            state.report(done, 4, f"step {done}")
        return "done"

    task = Task(counting)
    seen = []
    task.progressed.connect(
        lambda percent, message: seen.append((percent, message, threading.get_ident()))
    )
    with qtbot.waitSignal(task.ended, timeout=10_000):
        task.start()
    assert [(p, m) for p, m, _t in seen] == [
        (25.0, "step 1"),
        (50.0, "step 2"),
        (75.0, "step 3"),
        (100.0, "step 4"),
    ]
    assert {t for _p, _m, t in seen} == {threading.get_ident()}


def test_unthreaded_start_delivers_before_it_returns(qtbot):
    task = Task(on_thread, "now")
    received = []
    task.succeeded.connect(received.append)
    task.start(threaded=False)
    assert received and received[0] == ("now", threading.get_ident())


def test_wait_returns_once_the_job_has_ended(qtbot):
    task = Task(lambda state: time.sleep(0.2) or "slow").wait()
    assert task.outcome == "succeeded" and task.result == "slow"


def test_the_progress_dialog_appears_only_after_half_a_second(qtbot):
    gate = threading.Event()
    task = Task(lambda state: gate.wait(10))
    dialog = QProgressDialog("Working…", "Cancel", 0, 100)
    qtbot.addWidget(dialog)
    show_progress(task, dialog)
    task.start()
    qtbot.wait(250)
    assert not dialog.isVisible()
    qtbot.waitUntil(dialog.isVisible, timeout=2_000)
    with qtbot.waitSignal(task.ended, timeout=10_000):
        gate.set()
    assert not dialog.isVisible()

    quick = Task(lambda state: None)
    dialog = QProgressDialog("Working…", "Cancel", 0, 100)
    qtbot.addWidget(dialog)
    show_progress(quick, dialog)
    with qtbot.waitSignal(quick.ended, timeout=10_000):
        quick.start()
    qtbot.wait(700)
    assert not dialog.isVisible()  # a quick job never flashes a dialog


def test_the_dialog_cancel_button_cancels_the_task(qtbot):
    def endless(state):
        while True:
            state.check()
            time.sleep(0.005)

    task = Task(endless)
    dialog = QProgressDialog("Working…", "Cancel", 0, 100)
    qtbot.addWidget(dialog)
    show_progress(task, dialog, delay_ms=0)
    task.start()
    qtbot.waitUntil(dialog.isVisible, timeout=2_000)
    with qtbot.waitSignal(task.cancelled, timeout=10_000):
        qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)


def test_yield_to_gui_shortens_the_switch_interval_only_while_it_runs(qtbot):
    before = sys.getswitchinterval()
    during = []
    task = Task(lambda state: during.append(sys.getswitchinterval()), yield_to_gui=True)
    with qtbot.waitSignal(task.ended, timeout=10_000):
        task.start()
    QThreadPool.globalInstance().waitForDone(10_000)
    assert during == [YIELD_SWITCH_INTERVAL]
    assert sys.getswitchinterval() == before
