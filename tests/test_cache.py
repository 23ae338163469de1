"""The on-disk embedding cache: hits skip the model, writes are atomic, runs can overlap."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest
from typer.testing import CliRunner

from conftest import ROOT, SAMPLE, FakeEncoder
from detector import cache as cache_mod
from detector.cache import CachedEncoder, EmbeddingCache, model_dir_name, text_keys
from detector.cli import app
from detector.pipeline import extract_all, scan
from detector.io import load_corpus
from detector.settings import Settings

runner = CliRunner()


class Counting(FakeEncoder):
    def __init__(self, name="fake"):
        self.name = name
        self.calls: list[list[str]] = []

    def encode(self, texts):
        self.calls.append(list(texts))
        return super().encode(texts)


def encoded(enc: Counting) -> list[str]:
    return [t for call in enc.calls for t in call]


def shard_files(folder):
    return sorted(p.name for p in folder.rglob("*") if p.is_file())


def test_second_encode_reads_the_cache_and_gives_the_same_vectors(tmp_path):
    texts = ["The bridge reopened on Monday.", "Officials said the bridge stays closed.", "A third claim here."]
    first = CachedEncoder(Counting(), tmp_path)
    v1 = first.encode(texts)
    second_inner = Counting()
    v2 = CachedEncoder(second_inner, tmp_path).encode(texts)
    assert second_inner.calls == []
    np.testing.assert_array_equal(v1, v2)
    np.testing.assert_array_equal(v1, FakeEncoder().encode(texts))
    assert v2.dtype == np.float32 and v2.shape == (3, 256)


def test_only_new_texts_are_encoded_and_duplicates_once(tmp_path):
    CachedEncoder(Counting(), tmp_path).encode(["old one is here", "old two is here"])
    inner = Counting()
    texts = ["old two is here", "new one is here", "new one is here", "old one is here", "new two is here"]
    out = CachedEncoder(inner, tmp_path).encode(texts)
    assert sorted(encoded(inner)) == ["new one is here", "new two is here"]
    np.testing.assert_array_equal(out, FakeEncoder().encode(texts))


def test_the_key_includes_the_model_identity(tmp_path):
    CachedEncoder(Counting("model-a"), tmp_path).encode(["same text for both models"])
    other = Counting("model-b")
    CachedEncoder(other, tmp_path).encode(["same text for both models"])
    assert encoded(other) == ["same text for both models"]
    assert model_dir_name("model-a") != model_dir_name("model-b")
    assert text_keys("model-a", ["x"])[0] != text_keys("model-b", ["x"])[0]
    # a path is a safe directory name, and two paths with one folder name do not collide
    assert "/" not in model_dir_name("/models/x/minilm") and model_dir_name("/a/minilm") != model_dir_name("/b/minilm")


def test_shards_are_plain_npy_without_pickles(tmp_path):
    CachedEncoder(Counting(), tmp_path).encode(["one claim to store", "another claim to store"])
    files = list(tmp_path.rglob("*.npy"))
    assert len(files) == 2
    for f in files:
        np.load(f, allow_pickle=False)  # raises if anything needed pickling


def test_an_interrupted_write_leaves_no_shard_and_the_next_run_works(tmp_path, monkeypatch):
    real_save = np.save
    calls = []

    def dying_save(fh, array, allow_pickle=False):
        calls.append(1)
        if len(calls) == 2:  # the vectors are in place, the keys file is being written
            raise KeyboardInterrupt
        return real_save(fh, array, allow_pickle=allow_pickle)

    monkeypatch.setattr(cache_mod.np, "save", dying_save)
    with pytest.raises(KeyboardInterrupt):
        CachedEncoder(Counting(), tmp_path).encode(["interrupted claim text"])
    monkeypatch.setattr(cache_mod.np, "save", real_save)
    assert not any(n.endswith(".keys.npy") or n.endswith(".tmp") for n in shard_files(tmp_path))
    inner = Counting()
    CachedEncoder(inner, tmp_path).encode(["interrupted claim text"])
    assert encoded(inner) == ["interrupted claim text"]  # recomputed, then stored
    again = Counting()
    CachedEncoder(again, tmp_path).encode(["interrupted claim text"])
    assert again.calls == []


def test_garbage_in_the_cache_folder_is_a_miss_not_a_crash(tmp_path):
    enc = CachedEncoder(Counting(), tmp_path)
    enc.encode(["a claim that gets stored"])
    folder = enc.cache.directory
    (folder / "shard-0-bad.keys.npy").write_bytes(b"not an npy file")
    (folder / "shard-1-orphan.keys.npy").write_bytes(open(next(folder.glob("*.keys.npy")), "rb").read())  # no vectors
    inner = Counting()
    out = CachedEncoder(inner, tmp_path).encode(["a claim that gets stored", "and one more"])
    assert encoded(inner) == ["and one more"]
    np.testing.assert_array_equal(out, FakeEncoder().encode(["a claim that gets stored", "and one more"]))


def test_many_shards_are_merged(tmp_path, monkeypatch):
    monkeypatch.setattr(cache_mod, "MAX_SHARDS", 3)
    enc = CachedEncoder(Counting(), tmp_path, chunk=1)
    texts = [f"claim number {n} of the set" for n in range(10)]
    enc.encode(texts)
    assert len(list(enc.cache.directory.glob("*.keys.npy"))) <= 3
    assert enc.cache.stats()["rows"] == 10
    inner = Counting()
    np.testing.assert_array_equal(CachedEncoder(inner, tmp_path).encode(texts), FakeEncoder().encode(texts))
    assert inner.calls == []


WRITER = textwrap.dedent("""
    import sys
    sys.path.insert(0, sys.argv[1])
    from conftest import FakeEncoder
    from detector.cache import CachedEncoder
    texts = [f"claim {n} written by several processes at once" for n in range(400)]
    enc = CachedEncoder(FakeEncoder(), sys.argv[2], chunk=7)
    out = enc.encode(texts)
    assert (out == FakeEncoder().encode(texts)).all()
""")


def test_concurrent_runs_both_succeed_and_leave_a_readable_cache(tmp_path, monkeypatch):
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(ROOT / "tests"), str(tmp_path)], cwd=ROOT,
                              stderr=subprocess.PIPE, text=True) for _ in range(3)]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    texts = [f"claim {n} written by several processes at once" for n in range(400)]
    inner = Counting()
    np.testing.assert_array_equal(CachedEncoder(inner, tmp_path).encode(texts), FakeEncoder().encode(texts))
    assert inner.calls == []
    assert not list(tmp_path.rglob("*.tmp"))


def test_a_rescan_embeds_nothing_and_new_articles_only_their_claims(tmp_path, use_fake_encoder):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    names = sorted(p.name for p in SAMPLE.iterdir() if p.suffix in (".txt", ".md"))
    for name in names[:-1]:
        (corpus / name).write_bytes((SAMPLE / name).read_bytes())
    first = scan(corpus, Settings())
    assert first.stats["cached"] == 0 and first.stats["embedded"] == len({c.text for c in first.claims})
    again = scan(corpus, Settings())
    assert again.stats["embedded"] == 0
    assert [(s.pair.a.claim_id, s.pair.b.claim_id, s.score) for s in again.scored] == \
           [(s.pair.a.claim_id, s.pair.b.claim_id, s.score) for s in first.scored]
    (corpus / names[-1]).write_bytes((SAMPLE / names[-1]).read_bytes())
    grown = scan(corpus, Settings())
    added = {c.text for c in extract_all(load_corpus(corpus / names[-1])[0], Settings())} - {c.text for c in first.claims}
    assert grown.stats["embedded"] == len(added) > 0
    assert "from cache" in grown.summary()


def test_cli_cache_options(tmp_path, use_fake_encoder, private_embedding_cache):
    mine = tmp_path / "mine"
    out = tmp_path / "out.csv"
    assert runner.invoke(app, ["scan", str(SAMPLE), "-o", str(out), "-q", "--cache", str(mine)]).exit_code == 0
    assert list(mine.rglob("*.keys.npy")) and not list(private_embedding_cache.rglob("*.npy"))
    assert runner.invoke(app, ["scan", str(SAMPLE), "-o", str(out), "-q", "--no-cache"]).exit_code == 0
    assert not list(private_embedding_cache.rglob("*.npy"))
    result = runner.invoke(app, ["scan", str(SAMPLE), "-o", str(out), "--cache", str(mine)])
    assert result.exit_code == 0
    assert "(0 embedded, " in result.stderr  # the summary line
    assert Settings().replace(use_cache=False).use_cache is False


def test_an_unwritable_cache_does_not_fail_the_scan(tmp_path, use_fake_encoder):
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    result = scan(SAMPLE, Settings(cache_dir=str(blocked / "sub")))
    assert result.flagged


WARM_SCAN = textwrap.dedent("""
    import sys
    from detector.pipeline import scan
    from detector.settings import Settings
    result = scan(sys.argv[1], Settings())
    assert result.stats["embedded"] == 0, result.stats
    print("torch" in sys.modules, "sentence_transformers" in sys.modules, len(result.flagged))
""")


def test_a_warm_scan_never_imports_torch(tmp_path, private_embedding_cache):
    """Fill the cache for the real default model (with stand-in vectors), then scan in a fresh
    process with the real encoder: everything is a hit, so the model is never loaded."""
    from detector.embed import load_encoder

    real = load_encoder()  # lazy: constructing it loads nothing
    texts = [c.text for c in extract_all(load_corpus(SAMPLE)[0], Settings())]
    keys = text_keys(real.cache_identity, list(dict.fromkeys(texts)))
    store = EmbeddingCache(private_embedding_cache / "embeddings" / model_dir_name(real.cache_identity))
    store.add(keys, FakeEncoder().encode(list(dict.fromkeys(texts))))
    proc = subprocess.run([sys.executable, "-c", WARM_SCAN, str(SAMPLE)], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, env={**os.environ, "DETECTOR_CACHE": str(private_embedding_cache)})
    assert proc.returncode == 0, proc.stderr
    torch_loaded, st_loaded, n_flagged = proc.stdout.split()
    assert torch_loaded == "False" and st_loaded == "False"
    assert int(n_flagged) > 0


@pytest.mark.slow
def test_real_model_cold_then_warm_scan_in_fresh_processes(tmp_path, private_embedding_cache):
    code = WARM_SCAN.replace('assert result.stats["embedded"] == 0, result.stats', "")
    outs = []
    for _ in range(2):
        proc = subprocess.run([sys.executable, "-c", code, str(SAMPLE)], cwd=ROOT, capture_output=True, text=True,
                              timeout=600, env={**os.environ, "DETECTOR_CACHE": str(private_embedding_cache)})
        assert proc.returncode == 0, proc.stderr
        outs.append(proc.stdout.split())
    assert outs[0][0] == "True"  # the cold scan loaded the model
    assert outs[1][:2] == ["False", "False"]  # the warm one did not even import torch
    assert outs[0][2] == outs[1][2]


def test_a_rescan_reuses_claims_and_rule_hits_until_the_code_changes(tmp_path, use_fake_encoder, monkeypatch):
    import detector.features
    import detector.pipeline

    first = scan(SAMPLE, Settings())
    calls = {"extract": 0, "judge": 0}
    real_extract, real_judge = detector.pipeline.extract_claims, detector.pipeline.judge

    def extract(*a, **k):
        calls["extract"] += 1
        return real_extract(*a, **k)

    def judge(*a, **k):
        calls["judge"] += 1
        return real_judge(*a, **k)

    monkeypatch.setattr(detector.pipeline, "extract_claims", extract)
    monkeypatch.setattr(detector.pipeline, "judge", judge)
    again = scan(SAMPLE, Settings(threshold=0.7))  # scores follow the settings; hits come from the cache
    assert calls == {"extract": 0, "judge": 0}
    assert again.claims == first.claims
    assert [(s.pair, s.hits) for s in again.scored] == [(s.pair, s.hits) for s in first.scored]
    assert [s.score for s in again.scored] == [s.score for s in first.scored]
    assert all(s.score >= 0.7 for s in again.flagged) and len(again.flagged) < len(first.flagged)
    real_hash = detector.features.code_hash
    monkeypatch.setattr(detector.features, "code_hash", lambda *parts: "edited " + real_hash(*parts))
    edited = scan(SAMPLE, Settings())
    assert calls["extract"] == len(first.documents) and calls["judge"] == len(first.scored)
    assert [(s.pair, s.hits, s.score) for s in edited.scored] == [(s.pair, s.hits, s.score) for s in first.scored]


def test_a_rescan_reuses_the_candidate_pairs_until_corpus_or_pairing_settings_change(
    tmp_path, use_fake_encoder, private_embedding_cache, monkeypatch
):
    import shutil

    import detector.features
    import detector.pipeline

    corpus = tmp_path / "corpus"
    shutil.copytree(SAMPLE, corpus)
    first = scan(corpus, Settings())
    searches = []
    real_index = detector.pipeline.candidate_index
    monkeypatch.setattr(detector.pipeline, "candidate_index", lambda *a, **k: searches.append(1) or real_index(*a, **k))
    again = scan(corpus, Settings(threshold=0.7))  # a scoring setting: the pairs are read back
    assert not searches
    assert [s.pair for s in again.scored] == [s.pair for s in first.scored]
    assert again.wire == first.wire and again.stats["pairing"] == first.stats["pairing"]
    scan(corpus, Settings(top_k=3))  # a pairing setting: searched again
    assert len(searches) == 1
    article = sorted(corpus.glob("*.txt"))[0]
    article.write_text(article.read_text(encoding="utf-8") + "\nA later line says the bridge reopened on Friday morning.\n", encoding="utf-8")
    scan(corpus, Settings())  # an edited article: searched again
    assert len(searches) == 2
    for n in range(detector.features.KEPT_PAIR_SETS + 2):  # old corpus states are dropped, the store stays bounded
        scan(corpus, Settings(top_k=10 + n))
    db = detector.features.FeatureCache(private_embedding_cache / "features.sqlite")
    assert db._conn().execute("SELECT COUNT(*) FROM pairs").fetchone()[0] == detector.features.KEPT_PAIR_SETS
    db.close()


def test_no_cache_writes_no_feature_store(tmp_path, use_fake_encoder, private_embedding_cache):
    scan(SAMPLE, Settings(use_cache=False))
    assert not any(private_embedding_cache.iterdir())
    scan(SAMPLE, Settings())
    assert (private_embedding_cache / "features.sqlite").exists()
