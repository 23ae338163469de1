"""Per-stage progress reporting for long runs.

The pipeline opens one stage per step (load, claims, embed, pair, judge, write) and reports
how many items are done; what is shown is the reporter's business:

* `Progress` (the base class) shows nothing;
* `BarProgress` draws a tqdm bar per stage on stderr, with counts and rates;
* `MessageProgress(say)` sends one line per finished stage to a callback.

`make_progress(quiet)` picks bars on a terminal and nothing otherwise (or with --quiet).
"""
from __future__ import annotations

import sys
import time
from contextlib import contextmanager
from typing import Callable, Iterator, TextIO


class Stage:
    """The handle a running stage reports through."""

    def __init__(self, name: str, total: int | None = None, unit: str = "it"):
        self.name, self.total, self.unit = name, total, unit
        self.done = 0
        self.started = time.perf_counter()
        self.seconds = 0.0

    def update(self, n: int = 1) -> None:
        self.done += n

    def set_total(self, total: int) -> None:
        self.total = total


class Progress:
    """Silent progress: stages are timed, nothing is shown."""

    def _open(self, stage: Stage) -> Stage:
        return stage

    def _close(self, stage: Stage) -> None:
        pass

    @contextmanager
    def stage(self, name: str, total: int | None = None, unit: str = "it") -> Iterator[Stage]:
        st = self._open(Stage(name, total, unit))
        try:
            yield st
        finally:
            st.seconds = time.perf_counter() - st.started
            self._close(st)

    def message(self, text: str) -> None:
        pass


class MessageProgress(Progress):
    """One line per finished stage, e.g. "embed: 114 claims in 0.3s", sent to `say`."""

    def __init__(self, say: Callable[[str], None]):
        self.say = say

    def _close(self, stage: Stage) -> None:
        count = stage.total if stage.total is not None else stage.done
        self.say(f"{stage.name}: {count:,} {stage.unit} in {time.perf_counter() - stage.started:.1f}s")

    def message(self, text: str) -> None:
        self.say(text)


class _BarStage(Stage):
    def __init__(self, stage: Stage, bar):
        super().__init__(stage.name, stage.total, stage.unit)
        self.started = stage.started
        self.bar = bar

    def update(self, n: int = 1) -> None:
        super().update(n)
        self.bar.update(n)

    def set_total(self, total: int) -> None:
        super().set_total(total)
        self.bar.total = total
        self.bar.refresh()


class BarProgress(Progress):
    """A tqdm bar per stage on `stream` (stderr), left on screen when the stage ends."""

    def __init__(self, stream: TextIO | None = None):
        self.stream = stream or sys.stderr

    def _open(self, stage: Stage) -> Stage:
        from tqdm import tqdm

        import shutil

        width = {"dynamic_ncols": True} if shutil.get_terminal_size((0, 0)).columns else {"ncols": 100, "nrows": 24}  # size unknown
        bar = tqdm(total=stage.total, desc=f"{stage.name:<6}", unit=f" {stage.unit}", file=self.stream,
                   mininterval=0.2, leave=True, **width)
        return _BarStage(stage, bar)

    def _close(self, stage: Stage) -> None:
        bar = stage.bar  # type: ignore[attr-defined]
        if stage.total is None:
            bar.total = stage.done
        bar.refresh()
        bar.close()

    def message(self, text: str) -> None:
        from tqdm import tqdm

        tqdm.write(text, file=self.stream)


def make_progress(quiet: bool = False, stream: TextIO | None = None) -> Progress:
    """Bars when `stream` (stderr) is a terminal, else nothing; nothing at all with `quiet`."""
    stream = stream or sys.stderr
    if quiet:
        return Progress()
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        tty = False
    return BarProgress(stream) if tty else Progress()


def as_progress(progress) -> Progress:
    """None -> silent; a Progress -> itself; a callable (the old `say` callback) -> one message per stage."""
    if progress is None:
        return Progress()
    if isinstance(progress, Progress):
        return progress
    if callable(progress):
        return MessageProgress(progress)
    raise TypeError(f"progress must be a Progress or a callable, got {type(progress).__name__}")
