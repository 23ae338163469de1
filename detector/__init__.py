"""detector: find where news outlets contradict each other.

    from detector import scan, Settings
    result = scan("data/sample")
    for pair in result.flagged: print(pair.score, pair.kind, pair.evidence)
"""
from .errors import CorpusError, DetectorError, ReviewFileError, SettingsError
from .io import load_corpus
from .pipeline import ScanResult, scan
from .review import write_conflicts
from .rules import judge
from .settings import Settings, load_settings
from .tune import tune_file
from .types import CandidatePair, Claim, Document, RuleHit, ScoredPair

__all__ = [
    "scan", "ScanResult", "Settings", "load_settings", "load_corpus", "judge", "write_conflicts", "tune_file",
    "Document", "Claim", "CandidatePair", "RuleHit", "ScoredPair",
    "DetectorError", "CorpusError", "ReviewFileError", "SettingsError",
]
__version__ = "0.1.0"
