"""Synthetic, valid libyadata data packages of any size, for the validation benchmarks.

    python benchmarks/synthetic.py 10000               # into benchmarks/.data/10000/
    python benchmarks/synthetic.py 1000000 OUTDIR      # any number of records, any folder
    python benchmarks/synthetic.py 10000 --force       # regenerate even if complete

The package is what ``libyadata build`` would publish for such records: it is rendered by
``libyadata.publishing.build.assemble`` from model instances, so its CSV, JSON Lines, descriptor
and seed resources have exactly the shape of the real one. What goes in:

- seed texts (30 by default, 50-200 k code points each) made of generated sentences in
  paragraphs, with curly apostrophes and quotes, no-break spaces (U+00A0) and Arabic sentences
  with harakat (combining marks); no trailing newline. Their metadata (sha256, bytes, code
  points) is computed from the bytes;
- a few hundred actors and places, each of whose ``names`` occurs in the seed it names (every
  spelling is written into a seed, so the check that a name occurs in its seed holds);
- records of the five kinds in the proportions of the real data (17:11:15:9:4), each with 1-3
  evidence spans whose quote is ``text[start:end]`` of a whole sentence or a run of whole words
  (never splitting a letter from its combining marks), with prefix and suffix from
  ``libyadata.provenance.spans.context``; dates never after the publication of the seeds cited;
  every foreign key resolves.

Everything comes from one ``random.Random(seed)``, so a size and a seed give the same bytes
every time. A finished package gets a marker file (``.synthetic.json``, written last); a folder
with a marker for the same size, seed and generator version is reused as it is.

Valid by construction, at every size: the parts that need validating (evidence spans, dates,
quantities, reference rows) are validated once each, into pools of distinct values (no two
spans of a pool share a seed and offsets); a record draws its spans from different places of
its pool, so no record repeats a span, and its references only from rows that exist. Records
are put together with ``model_construct``, which skips validation (a million records take
minutes, not hours); then every one of them, at every size, is checked by a JSON round trip
through its model, and the generator stops if one fails. ``tests/test_synthetic.py`` runs
every layer of ``libyadata validate`` over a small package, with a pool small enough that
spans recur across records as they do at a million.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import hashlib
import importlib.util
import itertools
import json
import random
import resource
import shutil
import sys
import time
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if importlib.util.find_spec("libyadata") is None:  # a checkout without an install
    sys.path.insert(0, str(ROOT / "src"))

from libyadata.checks.crosscheck import ATTRIBUTING  # noqa: E402
from libyadata.cite.styles import MONTHS  # noqa: E402
from libyadata.core.chars import formula_like  # noqa: E402
from libyadata.formats import schemas  # noqa: E402
from libyadata.models import (  # noqa: E402
    Actor,
    Agreement,
    Base,
    Deployment,
    Evidence,
    FuzzyDate,
    MigrationFigure,
    Place,
    Quantity,
    Record,
    Seed,
    Visit,
)
from libyadata.models.evidence import span_key  # noqa: E402
from libyadata.models.quantity import LIMITS  # noqa: E402
from libyadata.models.vocab import (  # noqa: E402
    ActorKind,
    AgreementStatus,
    AgreementType,
    BaseStatus,
    DeploymentStatus,
    FacilityType,
    FigureStatus,
    ForceType,
    LocationPrecision,
    Method,
    PlaceKind,
    Side,
    SourceType,
    Unit,
    VisitStatus,
)
from libyadata.provenance import spans  # noqa: E402
from libyadata.publishing import build  # noqa: E402
from libyadata.publishing.citation import Person, Release  # noqa: E402

#: Raise when the output for the same size and seed changes: cached packages are then rebuilt.
GENERATOR_VERSION = 3
#: Where packages go by default: ``benchmarks/.data/<records>/`` (ignored by git).
DEFAULT_DATA = ROOT / "benchmarks" / ".data"
#: Written last into a finished package folder; its presence means the package is complete.
MARKER = ".synthetic.json"
VERSION = "0.0.0-synthetic"

#: Records of each kind in the real data (release 0.1.0), which sets the proportions.
SHARES = {"visits": 17, "deployments": 11, "bases": 15, "agreements": 9, "migration_figures": 4}
MODELS: dict[str, type[Record]] = {
    "visits": Visit,
    "deployments": Deployment,
    "bases": Base,
    "agreements": Agreement,
    "migration_figures": MigrationFigure,
}
PREFIXES = {
    "visits": "VIS",
    "deployments": "DEP",
    "bases": "BAS",
    "agreements": "AGR",
    "migration_figures": "MIG",
}
FIRST_DAY = dt.date(2011, 1, 1)
LAST_DAY = dt.date(2025, 12, 31)
#: Seeds are published from here on, so every seed leaves years of dates a record can have.
FIRST_PUBLISHED = dt.date(2016, 1, 1)


@dataclass(frozen=True)
class Shape:
    """How big the fixed parts of a synthetic dataset are (the records scale separately)."""

    seeds: int = 30
    seed_length: tuple[int, int] = (50_000, 200_000)
    """Least and most code points of a seed text (each drawn uniformly)."""
    actors: int = 300
    places: int = 200
    evidence_pool: int = 50_000
    """Most distinct evidence spans per record kind; records draw theirs from the pool, so
    above 25 000 records of a kind a span recurs in several records (never twice in one)."""


# Name parts. Synthetic on purpose: no combination is meant to be a real person.
GIVEN = (
    "Khalid",
    "Omar",
    "Salem",
    "Abdelhakim",
    "Fathi",
    "Mustafa",
    "Aref",
    "Nouri",
    "Ibrahim",
    "Mahmoud",
    "Aisha",
    "Najla",
    "Hanan",
    "Sergei",
    "Dmitry",
    "Mikhail",
    "Yevgeny",
    "Andrei",
    "Viktor",
    "Alexei",
    "Igor",
    "Nikolai",
    "Pavel",
    "Marco",
    "Giulia",
    "Jean",
    "Claire",
    "Ahmed",
    "Youssef",
    "Tarek",
    "Walid",
    "Hamza",
    "Ali",
    "Faraj",
    "Juma",
    "Milad",
    "Ramadan",
    "Hussein",
    "Leila",
    "Mariam",
)
FAMILY = (
    "al-Mansuri",
    "Bin Amer",
    "al-Zawi",
    "Ma’tuq",
    "al-Obeidi",
    "Naji",
    "al-Warfalli",
    "Ghariani",
    "Volkov",
    "Petrov",
    "Sokolov",
    "Morozov",
    "Kuznetsov",
    "Orlov",
    "Belov",
    "Rinaldi",
    "Moreau",
    "el-Hadi",
    "Abu Sahmain",
    "O’Rourke",
    "al-Qadi",
    "Shalgham",
    "Tekali",
    "Busnaina",
    "Fezzani",
    "Gaddour",
    "Ben Othman",
    "Zlitni",
    "Karamanov",
    "D’Amico",
)
GIVEN_AR = (
    "خَالِد",
    "عُمَر",
    "سَالِم",
    "مُصْطَفَى",
    "إِبْرَاهِيم",
    "مَحْمُود",
    "عَائِشَة",
    "يُوسُف",
    "طَارِق",
    "عَلِيّ",
    "فَرَج",
    "رَمَضَان",
)
FAMILY_AR = (
    "المَنْصُورِيّ",
    "الزَّوِيّ",
    "العُبَيْدِيّ",
    "الوَرْفَلِّيّ",
    "القَاضِي",
    "بِن عَامِر",
    "الهَادِي",
    "فَزَّانِيّ",
)
ROOTS = (
    "Tamin",
    "Harun",
    "Zelten",
    "Kufra",
    "Saqr",
    "Nahla",
    "Bayda",
    "Jalo",
    "Ubari",
    "Marada",
    "Tazirbu",
    "Ghat",
    "Sawda",
    "Hun",
    "Waddan",
    "Zella",
    "Brak",
    "Idri",
    "Sabha",
    "Awjila",
    "Tarhun",
    "Nalut",
    "Yafran",
    "Gharyan",
    "Mizda",
    "Qaryat",
    "Sokna",
    "Tmassah",
    "Bardia",
    "Msus",
    "Shahat",
    "Qayqab",
    "Tukra",
    "Tolmeita",
    "Sirt",
    "Jufrat",
    "Zuara",
    "Ajdabi",
    "Labraq",
    "Marsa",
    "Abyar",
    "Charruba",
)
ROOTS_AR = ("طَمِين", "هَارُون", "زِلْطَن", "كُفْرَة", "صَقْر", "نَخْلَة", "بَيْضَاء", "جَالُو")
COUNTRIES = (
    ("Libya", "LY", Side.NONE),
    ("Russia", "RU", Side.RUSSIA),
    ("Egypt", "EG", Side.REGIONAL),
    ("Turkey", "TR", Side.REGIONAL),
    ("Algeria", "DZ", Side.REGIONAL),
    ("Tunisia", "TN", Side.REGIONAL),
    ("Sudan", "SD", Side.REGIONAL),
    ("Chad", "TD", Side.REGIONAL),
    ("Niger", "NE", Side.REGIONAL),
    ("Italy", "IT", Side.WESTERN),
    ("France", "FR", Side.WESTERN),
    ("Malta", "MT", Side.WESTERN),
    ("Greece", "GR", Side.WESTERN),
    ("Syria", "SY", Side.REGIONAL),
    ("Belarus", "BY", Side.RUSSIA),
)
#: Who reviewed the extracted records.
REVIEWERS = ("A. Reviewer", "B. Curator", "Ш. Редактор", "مراجع")
PHRASES = (
    "a new chapter in relations",
    "constructive and frank",
    "technical cooperation only",
    "not on the agenda",
    "a matter for the Libyan people",
    "training and maintenance",
    "the security of the southern border",
    "oil field protection",
    "the return of migrants",
    "ports and airfields",
)
EN_TEMPLATES = (
    "{a} travelled to {p} {d}, where {a2} received him.",
    "{a} met {a2} in {p} {d} to discuss what officials called “{q}”.",
    "According to {a}, some {n} fighters had arrived in {p} {d}.",
    "{a}’s office said the talks in {p} were “{q}”.",
    "Satellite images showed {n} aircraft at the base near {p}, {a} reported.",
    "The agreement, signed in {p} {d}, covers {q}.",
    "{a} didn’t confirm the figure of {n} migrants who left {p} {d}.",
    "A ship carrying {n}\u00a0tonnes of equipment docked at {p} {d}.",
    "{a} and {a2} signed a memorandum on {q} in {p}.",
    "It’s unclear whether {a} will visit {p} before the end of the year.",
    "{a} told reporters in {p} that the ceasefire was “{q}”.",
    "More than {n} people crossed from {p} to {p2} {d}, according to {a}.",
    "Officials in {p} denied that {a} had sent troops to {p2}.",
    "The delegation led by {a} stayed in {p} for {k}\u00a0days.",
    "{a} described the base at {p} as “{q}”.",
    "Neither {a} nor {a2} commented on reports from {p}.",
)
AR_TEMPLATES = (
    "زَارَ {a} مَدِينَةَ {p} فِي عَامِ {y}.",
    "وَقَالَ {a} إِنَّ الاجْتِمَاعَ فِي {p} كَانَ مُثْمِرًا.",
    "وَأَكَّدَ المُتَحَدِّثُ بِاسْمِ {a} أَنَّ {n} مُهَاجِرٍ غَادَرُوا {p}.",
    "وَوَصَلَ {a} إِلَى {p} يَوْمَ الخَمِيسِ.",
)
PURPOSES = (
    "Military cooperation and arms supplies.",
    "Talks on the ceasefire and the withdrawal of foreign fighters.",
    "Energy contracts and the reopening of oil fields.",
    "Migration control on the southern border.",
    "Training of officers and maintenance of aircraft.",
    "A political settlement and the next elections.",
)
SUBJECTS = (
    "Supply of armoured vehicles and spare parts.",
    "Docking rights for naval vessels at an eastern port.",
    "A ceasefire along the front line.",
    "Returns of migrants intercepted at sea.",
    "Reconstruction contracts for power stations.",
    "A joint statement on the political process.",
)
COUNTED = (
    "migrants who crossed the central Mediterranean",
    "people intercepted at sea and returned",
    "arrivals in Italy from the eastern coast",
    "registered refugees and asylum seekers",
    "foreign workers leaving the country",
)
NOTES = (
    "The seeds differ on the details; each claim is given here as its seed words it.",
    "Inferred from the context of the paragraph the quote comes from.",
    "One seed gives the name, the other the role; they are taken to be the same person.",
    "Reported second-hand; the seed names no source.",
)
# The vocabularies as tuples, and cumulative weights, made once rather than per record.
VISIT_STATUSES = tuple(VisitStatus)
VISIT_WEIGHTS = tuple(itertools.accumulate((70, 15, 10, 5)))
DEPLOYMENT_STATUSES = tuple(DeploymentStatus)
DEPLOYMENT_WEIGHTS = tuple(itertools.accumulate((55, 20, 10, 15)))
FORCE_TYPES = tuple(ForceType)
FACILITY_TYPES = tuple(FacilityType)
BASE_STATUSES = tuple(BaseStatus)
LOCATION_PRECISIONS = tuple(LocationPrecision)
AGREEMENT_STATUSES = tuple(AgreementStatus)
AGREEMENT_TYPES = tuple(AgreementType)
FIGURE_STATUSES = tuple(FigureStatus)
#: How many evidence spans a record has: 1, 2 or 3.
SPAN_COUNT_WEIGHTS = tuple(itertools.accumulate((55, 30, 15)))
FACILITY_WORDS = {
    FacilityType.AIR_BASE: "air base",
    FacilityType.AIRFIELD: "airfield",
    FacilityType.NAVAL_BASE: "naval base",
    FacilityType.PORT: "port",
    FacilityType.MILITARY_BASE: "military base",
}


@dataclass
class SeedText:
    """A synthetic seed: its text, where its sentences are, and its metadata model."""

    number: int
    text: str
    sentences: list[tuple[int, int]]
    """Start and end offset (code points) of every sentence, in text order."""
    model: Seed | None = None

    @property
    def id(self) -> str:
        """The seed id, ``SEED-000``."""
        return f"SEED-{self.number:03d}"


@dataclass
class Synthetic:
    """A whole synthetic dataset in memory: what ``build.assemble`` takes."""

    release: Release
    seeds: list[SeedText]
    records: dict[str, list[Any]]
    """Models of every table but the seeds, by table name."""
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def texts(self) -> dict[str, bytes]:
        """The bytes of each seed file, by seed id."""
        return {seed.id: seed.text.encode("utf-8") for seed in self.seeds}


@dataclass
class _Spelling:
    """One spelling of an actor or place, and the seed it is written into."""

    text: str
    arabic: bool
    seed: int = -1


@dataclass
class _Entity:
    """An actor or place before it becomes a model: its id, name, kind and spellings."""

    id: str
    name: str
    kind: ActorKind | PlaceKind
    country: str | None
    side: Side = Side.NONE
    spellings: list[_Spelling] = field(default_factory=list)
    role: str | None = None


def _slug(name: str) -> str:
    # Ids are ASCII slugs: letters and digits, runs of anything else become one hyphen.
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    parts = "".join(c.lower() if c.isalnum() else " " for c in ascii_name).split()
    return "-".join(parts)


def _unique(slug: str, taken: set[str]) -> str:
    candidate, number = slug, 2
    while candidate in taken:
        candidate, number = f"{slug}-{number}", number + 1
    taken.add(candidate)
    return candidate


def _arabic_name(rng: random.Random) -> str:
    return f"{rng.choice(GIVEN_AR)} {rng.choice(FAMILY_AR)}"


def make_actors(rng: random.Random, count: int) -> list[_Entity]:
    """Return ``count`` actors: persons (three spellings each, one Arabic) and bodies."""
    taken: set[str] = set()
    actors = []
    for name, code, side in COUNTRIES:
        actors.append(_Entity(f"ACT-{_unique(_slug(name), taken)}", name, ActorKind.STATE, code))
        actors[-1].side = side
        actors[-1].spellings = [_Spelling(name, arabic=False)]
    bodies = (
        (ActorKind.ARMED_GROUP, "{} Brigade"),
        (ActorKind.ARMED_FORCE, "{} Military Region Command"),
        (ActorKind.MINISTRY, "Ministry of {} Affairs"),
        (ActorKind.ORGANISATION, "{} Council"),
        (ActorKind.THINK_TANK, "{} Institute"),
        (ActorKind.MEDIA, "{} Herald"),
        (ActorKind.VESSEL, "Admiral {}"),
    )
    sides = list(Side)
    attempts = 0
    while len(actors) < count:
        attempts += 1
        # More actors than name parts make: number the names rather than loop for ever.
        numbered = f" {attempts}" if attempts > 50 * count else ""
        if rng.random() < 0.65:
            given, family = rng.choice(GIVEN), rng.choice(FAMILY)
            name = f"{given} {family}{numbered}"
            if _slug(name) in taken:
                continue
            country = rng.choice(COUNTRIES)
            entity = _Entity(f"ACT-{_unique(_slug(name), taken)}", name, ActorKind.PERSON, None)
            entity.country, entity.side = country[1], country[2]
            title = rng.choice(("Gen.", "Mr", "Dr", "Col."))
            entity.spellings = [
                _Spelling(name, arabic=False),
                # A no-break space after a title, as typeset copy often has.
                _Spelling(f"{title}\u00a0{family}", arabic=False),
                _Spelling(_arabic_name(rng), arabic=True),
            ]
            entity.role = rng.choice(("commander", "minister", "envoy", "spokesman", "adviser"))
        else:
            kind, pattern = rng.choice(bodies)
            name = pattern.format(rng.choice(ROOTS if kind != ActorKind.VESSEL else FAMILY))
            name += numbered
            if _slug(name) in taken:
                continue
            entity = _Entity(f"ACT-{_unique(_slug(name), taken)}", name, kind, None)
            entity.side = rng.choice(sides)
            entity.spellings = [_Spelling(name, arabic=False)]
        actors.append(entity)
    return actors


def make_places(rng: random.Random, count: int) -> list[_Entity]:
    """Return ``count`` places: the countries, then regions, cities, facilities and waters."""
    taken: set[str] = set()
    places = []
    for name, code, _ in COUNTRIES:
        entity = _Entity(f"PLC-{_unique(_slug(name), taken)}", name, PlaceKind.COUNTRY, code)
        entity.spellings = [_Spelling(name, arabic=False)]
        places.append(entity)
    patterns = (
        (PlaceKind.CITY, "{}", 0.55),
        (PlaceKind.CITY, "Bir {}", 0.1),
        (PlaceKind.REGION, "Wadi {}", 0.12),
        (PlaceKind.FACILITY, "{} Air Base", 0.12),
        (PlaceKind.WATER, "Gulf of {}", 0.03),
        (PlaceKind.SUPRANATIONAL, "{} Basin", 0.03),
        (PlaceKind.CITY, "Ras {}", 0.05),
    )
    weights = [weight for _, _, weight in patterns]
    attempts = 0
    while len(places) < count:
        attempts += 1
        kind, pattern, _ = rng.choices(patterns, weights)[0]
        root = rng.choice(ROOTS)
        name = pattern.format(root)
        if attempts > 50 * count:  # more places than name parts: number them
            name = f"{name} {attempts}"
        if _slug(name) in taken:
            continue
        entity = _Entity(f"PLC-{_unique(_slug(name), taken)}", name, kind, "LY")
        entity.spellings = [_Spelling(name, arabic=False)]
        if kind == PlaceKind.CITY and rng.random() < 0.3:
            # Transliterations differ: Al-Tamin and El Tamin, with a no-break space.
            entity.spellings.append(_Spelling(f"El\u00a0{root}", arabic=False))
        if rng.random() < 0.25:
            entity.spellings.append(_Spelling(rng.choice(ROOTS_AR), arabic=True))
        places.append(entity)
    return places


def _date_phrase(rng: random.Random) -> str:
    year = rng.randint(FIRST_DAY.year, LAST_DAY.year)
    form = rng.random()
    if form < 0.4:
        return f"on {rng.randint(1, 28)}\u00a0{rng.choice(MONTHS)} {year}"
    if form < 0.8:
        return f"in {rng.choice(MONTHS)} {year}"
    return rng.choice(("last year", "last week", "on Thursday", f"early in {year}"))


def _number(rng: random.Random) -> str:
    value = rng.choice((rng.randint(2, 99), rng.randint(100, 999), rng.randint(1000, 99_999)))
    if value >= 1000 and rng.random() < 0.5:
        # French-style grouping with a no-break space, as some translated copy has.
        return f"{value // 1000}\u00a0{value % 1000:03d}"
    return f"{value:,}"


class _Writer:
    """Writes sentences about the actors and places into seed texts."""

    def __init__(self, rng: random.Random, actors: list[_Entity], places: list[_Entity]) -> None:
        self.rng = rng
        self.latin_actors = [s.text for a in actors for s in a.spellings if not s.arabic]
        self.arabic_actors = [s.text for a in actors for s in a.spellings if s.arabic]
        self.latin_places = [s.text for p in places for s in p.spellings if not s.arabic]
        self.arabic_places = [s.text for p in places for s in p.spellings if s.arabic]
        self.place_spellings = frozenset((*self.latin_places, *self.arabic_places))

    def sentence(self, actor: str | None = None, place: str | None = None, *, arabic: bool) -> str:
        """Return one sentence; ``actor`` or ``place`` (a spelling) is used if given."""
        rng = self.rng
        actors = self.arabic_actors if arabic else self.latin_actors
        places = self.arabic_places if arabic else self.latin_places
        while True:
            template = rng.choice(AR_TEMPLATES if arabic else EN_TEMPLATES)
            filled = template.format(
                a=actor or rng.choice(actors),
                a2=rng.choice(actors),
                p=place or rng.choice(places),
                p2=rng.choice(places),
                d=_date_phrase(rng),
                n=_number(rng),
                q=rng.choice(PHRASES),
                k=rng.randint(2, 9),
                y=rng.randint(FIRST_DAY.year, LAST_DAY.year),
            )
            # A template without a slot for the forced spelling drops it: draw another.
            if all(forced is None or forced in filled for forced in (actor, place)):
                return filled

    def text(self, title: str, length: int, introductions: list[_Spelling]) -> SeedText:
        """Return a seed text of at least ``length`` code points that uses every spelling given.

        The text is a title line and paragraphs of sentences separated by blank lines, with
        no trailing newline; each spelling in ``introductions`` is used by one sentence.
        """
        rng = self.rng
        queue = list(introductions)
        rng.shuffle(queue)
        parts = [title]
        size = len(title)
        sentences: list[tuple[int, int]] = []
        while size < length or queue:
            paragraph: list[str] = []
            for _ in range(rng.randint(2, 7)):
                arabic = rng.random() < 0.12
                actor = place = None
                if queue and rng.random() < 0.2:
                    spelling = queue.pop()
                    arabic = spelling.arabic
                    # A country is an actor and a place by one name; either slot uses it.
                    is_place = spelling.text in self.place_spellings
                    actor, place = (None, spelling.text) if is_place else (spelling.text, None)
                paragraph.append(self.sentence(actor, place, arabic=arabic))
            size += 2  # the blank line before the paragraph
            for index, sentence in enumerate(paragraph):
                if index:
                    size += 1  # the space between sentences
                sentences.append((size, size + len(sentence)))
                size += len(sentence)
            parts.append(" ".join(paragraph))
        return SeedText(0, "\n\n".join(parts), sentences)


def make_seeds(
    rng: random.Random, shape: Shape, actors: list[_Entity], places: list[_Entity]
) -> list[SeedText]:
    """Write the seed texts; every spelling of every actor and place goes into one of them."""
    writer = _Writer(rng, actors, places)
    spellings = [s for entity in (*actors, *places) for s in entity.spellings]
    for index, spelling in enumerate(spellings):
        spelling.seed = index % shape.seeds
    seeds = []
    low, high = shape.seed_length
    for number in range(shape.seeds):
        title = f"Synthetic report {number:03d}: Russia’s role in {rng.choice(ROOTS)}"
        introductions = [s for s in spellings if s.seed == number]
        seed = writer.text(title, rng.randint(low, high), introductions)
        seed.number = number
        seed.model = _seed_model(rng, seed)
        seeds.append(seed)
    return seeds


def _seed_model(rng: random.Random, seed: SeedText) -> Seed:
    data = seed.text.encode("utf-8")
    published = FIRST_PUBLISHED + dt.timedelta(
        days=rng.randint(0, (LAST_DAY - FIRST_PUBLISHED).days)
    )
    if rng.random() < 0.2:
        date: dict[str, Any] = {
            "precision": "range",
            "earliest": published,
            "latest": published + dt.timedelta(days=rng.randint(1, 6)),
            "basis": "inferred",
            "note": "The text names a weekday; the week follows from the events it reports.",
        }
    else:
        date = {"precision": "day", "value": published.isoformat(), "basis": "stated"}
    number = seed.number
    return Seed.model_validate(
        {
            "id": seed.id,
            "file": f"{number:03d}_{hashlib.sha256(data).hexdigest()[:16]}.txt",
            "sha256": hashlib.sha256(data).hexdigest(),
            "byte_length": len(data),
            "code_points": len(seed.text),
            "title": {"value": seed.text.split("\n", 1)[0], "basis": "stated"},
            "publisher": {
                "value": f"{rng.choice(ROOTS)} Herald",
                "basis": "external",
                "source": {"citation": "Synthetic publisher register, 2026"},
            },
            "author": {"basis": "unknown"},
            "url": {"value": f"https://example.org/synthetic/{number:03d}", "basis": "stated"},
            "published": date,
            "languages": ["en", "ar"],
            "source_type": rng.choice(list(SourceType)).value,
            "rights": "Synthetic text generated for benchmarks; no rights reserved.",
            "cited_urls": [f"https://example.org/cited/{number}/{i}" for i in range(number % 3)],
        }
    )


def reference_models(
    rng: random.Random, actors: list[_Entity], places: list[_Entity], seeds: list[SeedText]
) -> tuple[list[Actor], list[Place]]:
    """Validate the actors and places, each name checked against the seed it cites."""
    texts = {seed.number: seed.text for seed in seeds}

    def names(entity: _Entity) -> list[dict[str, str]]:
        result = []
        for spelling in entity.spellings:
            if spelling.text not in texts[spelling.seed]:  # the writer guarantees it
                raise AssertionError(f"{spelling.text!r} is not in seed {spelling.seed}")
            result.append({"name": spelling.text, "seed_id": f"SEED-{spelling.seed:03d}"})
        return result

    bodies = [a.id for a in actors if a.kind not in (ActorKind.PERSON, ActorKind.VESSEL)]
    actor_models = []
    for entity in actors:
        data: dict[str, Any] = {
            "id": entity.id,
            "name": entity.name,
            "kind": entity.kind.value,
            "side": entity.side.value,
            "country": entity.country,
            "names": names(entity),
        }
        if entity.kind == ActorKind.PERSON:
            data["affiliation"] = rng.choice(bodies)
        if entity.role:
            seed_id = f"SEED-{entity.spellings[0].seed:03d}"
            data["roles"] = [{"role": entity.role, "seed_id": seed_id}]
        actor_models.append(Actor.model_validate(data))
    countries = {p.country: p.id for p in places if p.kind == PlaceKind.COUNTRY}
    place_models = []
    for index, entity in enumerate(places):
        data = {
            "id": entity.id,
            "name": entity.name,
            "kind": entity.kind.value,
            "country": entity.country,
            "names": names(entity),
        }
        if entity.kind != PlaceKind.COUNTRY:
            data["parent"] = countries[entity.country]
        if index % 3 == 0:
            data["gazetteer"] = {
                "geonames_id": 100_000 + index,
                "latitude": round(rng.uniform(19.5, 33.0), 5),
                "longitude": round(rng.uniform(9.5, 25.0), 5),
                "source": {"citation": "Synthetic gazetteer 1.0"},
            }
        place_models.append(Place.model_validate(data))
    return actor_models, place_models


def _date_pool(rng: random.Random, size: int = 4000) -> tuple[list[FuzzyDate], list[dt.date]]:
    """Return validated dates of every precision and basis, sorted by their last day.

    The second list holds each date's last day, for bisecting to the dates that end by a
    seed's publication.
    """
    days = (LAST_DAY - FIRST_DAY).days
    bases = ("stated", "resolved", "inferred", "external")
    dates = []
    for _ in range(size):
        day = FIRST_DAY + dt.timedelta(days=rng.randint(0, days))
        form = rng.random()
        data: dict[str, Any]
        if form < 0.55:
            data = {"precision": "day", "value": day.isoformat()}
        elif form < 0.75:
            data = {"precision": "month", "value": day.isoformat()[:7]}
        elif form < 0.85:
            data = {"precision": "year", "value": str(day.year)}
        else:
            data = {"precision": "range", "latest": day + dt.timedelta(days=rng.randint(1, 90))}
            if rng.random() < 0.8:  # otherwise open at the start: "by ..."
                data["earliest"] = day
        basis = rng.choices(bases, (70, 12, 12, 6))[0]
        data["basis"] = basis
        if basis in ("resolved", "inferred"):
            phrase = rng.choice(("last year", "On Thursday", "that spring"))
            data["note"] = f"'{phrase}' read against the seed's publication date."
        elif basis == "external":
            data["source"] = {
                "citation": "Synthetic chronology of events, 2026",
                "url": "https://example.org/chronology",
            }
        dates.append(FuzzyDate.model_validate(data))
    dates.sort(key=lambda date: date.latest or LAST_DAY)
    return dates, [date.latest or LAST_DAY for date in dates]


MONEY = (Unit.USD, Unit.EUR, Unit.GBP, Unit.UNSTATED_CURRENCY)
SYMBOLS = {Unit.USD: "$", Unit.EUR: "€", Unit.GBP: "£"}


def _quantity_pool(rng: random.Random, units: Sequence[Unit], size: int = 300) -> list[Quantity]:
    """Return validated quantities in ``units``: exact, approximate, bounded, ranges, words."""
    pool = []
    for _ in range(size):
        unit = rng.choice(units)
        value = rng.choice((rng.randint(2, 99), rng.randint(100, 9999), rng.randint(10**4, 10**6)))
        if unit == Unit.PERCENT:
            value = rng.randint(1, 99)
        value = min(value, int(LIMITS[unit]) // 2)  # a range below goes up to twice the value
        words = f"{SYMBOLS.get(unit, '')}{value:,}" + ("\u00a0%" if unit == Unit.PERCENT else "")
        form = rng.random()
        data: dict[str, Any] = {"unit": unit.value}
        if form < 0.5:
            data |= {"value": value, "qualifier": "exact", "stated_as": words}
        elif form < 0.7:
            data |= {"value": value, "qualifier": "approximate", "stated_as": f"about {words}"}
        elif form < 0.8:
            data |= {"value": value, "qualifier": "at_least", "stated_as": f"more than {words}"}
        elif form < 0.9:
            data |= {
                "lower": value,
                "upper": value * 2,
                "qualifier": "approximate",
                "stated_as": f"{words} to {2 * value:,}",
            }
        else:
            data |= {"qualifier": "order_of_magnitude", "stated_as": "tens of thousands"}
        pool.append(Quantity.model_validate(data))
    return pool


def _span(rng: random.Random, seed: SeedText) -> tuple[int, int]:
    """Return a whole sentence of the seed, or a run of whole words in one (1-8 words)."""
    start, end = seed.sentences[rng.randrange(len(seed.sentences))]
    if rng.random() < 0.55:
        return start, end
    sentence = seed.text[start:end]
    # Words are separated by plain spaces only: a no-break space binds, as in "2\u00a0000".
    spaces = [i for i, char in enumerate(sentence) if char == " "]
    starts = [0, *(i + 1 for i in spaces)]
    ends = [*spaces, len(sentence)]
    first = rng.randrange(len(starts))
    last = min(len(ends) - 1, first + rng.randrange(8))
    return start + starts[first], start + ends[last]


def _evidence_pool(
    rng: random.Random, seeds: list[SeedText], model: type[Record], size: int
) -> tuple[list[Evidence], list[dt.date]]:
    """Return ``size`` distinct, checked evidence spans for ``model``, and each one's limit.

    No two spans share a seed and offsets (``span_key``), so spans drawn from different places
    of the pool are different spans. A span's limit is the first day its seed may have been
    published: a record citing it must not be dated later.
    """
    fields = sorted(model.described_fields())  # sorted: set order changes between runs
    # Longer seeds are cited more, as in life. Cumulative weights, made once: choices() would
    # otherwise add them up again on every call.
    weights = list(itertools.accumulate(len(seed.text) for seed in seeds))
    limits = {seed.id: _published(seed) for seed in seeds}
    pool, pool_limits = [], []
    taken: set[tuple[str, int, int]] = set()
    attempts = 0
    while len(pool) < size:
        attempts += 1
        if attempts > 20 * size:
            raise AssertionError(f"the seeds hold too few distinct spans for a pool of {size}")
        seed = rng.choices(seeds, cum_weights=weights)[0]
        start, end = _span(rng, seed)
        if (seed.id, start, end) in taken:
            continue  # the same span as one in the pool already
        text = seed.text
        if unicodedata.combining(text[start]) or (
            end < len(text) and unicodedata.combining(text[end])
        ):
            continue  # never split a letter from its marks (cannot happen at spaces; be sure)
        prefix, suffix = spans.context(text, start, end)
        if any(part and formula_like(part) for part in (prefix, text[start:end], suffix)):
            continue  # a package reader refuses CSV text a spreadsheet would run as a formula
        if ATTRIBUTING.search(text[start:end]):
            continue  # a quote that says whom it rests on needs an attribution, never drawn here
        evidence = Evidence.model_validate(
            {
                "seed_id": seed.id,
                "start": start,
                "end": end,
                "quote": text[start:end],
                "prefix": prefix,
                "suffix": suffix,
                "supports": rng.sample(fields, rng.randint(1, min(3, len(fields)))),
            }
        )
        problems = spans.verify(evidence, text)
        if problems:
            raise AssertionError(f"bad synthetic span {evidence}: {problems}")
        taken.add(span_key(evidence))
        pool.append(evidence)
        pool_limits.append(limits[seed.id])
    return pool, pool_limits


def _published(seed: SeedText) -> dt.date:
    # The earliest day the seed may have appeared: nothing it reports happened after it.
    published = seed.model.published if seed.model else None
    if published is None or published.earliest is None:
        raise AssertionError(f"{seed.id} has no earliest publication day")
    return published.earliest


def record_counts(n: int) -> dict[str, int]:
    """Split ``n`` records over the five kinds in the proportions of the real data."""
    total = sum(SHARES.values())
    counts = {name: n * share // total for name, share in SHARES.items()}
    # The remainder goes to the kinds with the largest fractional parts, ties by table order.
    order = sorted(SHARES, key=lambda name: -(n * SHARES[name] % total))
    for name in order[: n - sum(counts.values())]:
        counts[name] += 1
    return counts


class _RecordMaker:
    """Puts records together from validated parts, without validating each one again."""

    def __init__(
        self,
        rng: random.Random,
        *,
        seeds: list[SeedText],
        actors: list[Actor],
        places: list[Place],
        shape: Shape,
        counts: dict[str, int],
    ) -> None:
        self.rng = rng
        self.seeds = seeds
        self.shape = shape
        self.counts = counts
        self.actors = [a.id for a in actors]
        self.persons = [a.id for a in actors if a.kind == ActorKind.PERSON]
        self.forces = [
            a.id
            for a in actors
            if a.kind in (ActorKind.STATE, ActorKind.ARMED_FORCE, ActorKind.ARMED_GROUP)
        ]
        self.vessels = [a.id for a in actors if a.kind == ActorKind.VESSEL] or self.actors
        self.places = [p.id for p in places]
        self.names = {p.id: p.name for p in places}
        self.sites = [p.id for p in places if p.kind in (PlaceKind.CITY, PlaceKind.FACILITY)]
        self.bases = [f"BAS-{i:04d}" for i in range(1, counts["bases"] + 1)]
        self.dates, self.date_ends = _date_pool(rng)
        self.sizes = _quantity_pool(rng, (Unit.PERSON, Unit.VESSEL, Unit.AIRCRAFT, Unit.TONNE))
        self.amounts = _quantity_pool(rng, MONEY)
        self.figures = _quantity_pool(rng, (Unit.PERSON, Unit.PERSON, Unit.PERCENT))

    def records(self, table: str) -> list[Record]:
        """Return every record of ``table``, ids numbered from 1."""
        model = MODELS[table]
        count = self.counts[table]
        size = max(1, min(self.shape.evidence_pool, 2 * count))
        self.pool, self.limits = _evidence_pool(self.rng, self.seeds, model, size)
        self.fields = sorted(model.described_fields())
        # One shared set: model_construct stores it as each record's fields set, and every
        # record is given every field, so it is what validation would record.
        fields_set = set(model.model_fields)
        make: Callable[[], dict[str, Any]] = getattr(self, f"_{table}")
        prefix = PREFIXES[table]
        result = []
        for number in range(1, count + 1):
            values = make()
            values["id"] = f"{prefix}-{number:04d}"
            result.append(model.model_construct(fields_set, **values))
        return result

    # -- shared parts ------------------------------------------------------------------------

    def _evidence(self) -> tuple[tuple[Evidence, ...], dt.date]:
        rng = self.rng
        chosen = rng.sample(
            range(len(self.pool)),
            min(len(self.pool), rng.choices((1, 2, 3), cum_weights=SPAN_COUNT_WEIGHTS)[0]),
        )
        return tuple(self.pool[i] for i in chosen), min(self.limits[i] for i in chosen)

    def _date(self, limit: dt.date, *, optional: float = 0.1) -> FuzzyDate | None:
        if self.rng.random() < optional:
            return None
        ending = bisect.bisect_right(self.date_ends, limit)
        return self.dates[self.rng.randrange(ending)] if ending else None

    def _common(self) -> dict[str, Any]:
        rng = self.rng
        evidence, limit = self._evidence()
        disputed: tuple[str, ...] = ()
        inferred: tuple[str, ...] = ()
        # A disputed or inferred field rests on evidence: one a span of the record supports.
        supported = sorted({name for span in evidence for name in span.supports})
        draw = rng.random()
        if draw < 0.08:
            disputed = (rng.choice(supported),)
        elif draw < 0.18:
            inferred = tuple(sorted(rng.sample(supported, min(len(supported), rng.randint(1, 2)))))
        notes = rng.choice(NOTES) if disputed or inferred or rng.random() < 0.2 else None
        extracted = rng.random() < 0.1
        # An extracted record enters the dataset only through a review, which says who and when.
        reviewed_on = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(366))
        return {
            "method": Method.EXTRACTED if extracted else Method.CURATED,
            "reviewed_by": rng.choice(REVIEWERS) if extracted else None,
            "reviewed_on": reviewed_on if extracted else None,
            "disputed_fields": disputed,
            "inferred_fields": inferred,
            "notes": notes,
            "evidence": evidence,
            "_limit": limit,
        }

    def _maybe(self, choices: Sequence[Any], chance: float) -> Any:
        return self.rng.choice(choices) if self.rng.random() < chance else None

    def _some(self, choices: Sequence[str], least: int, most: int) -> tuple[str, ...]:
        return tuple(self.rng.sample(choices, self.rng.randint(least, most)))

    # -- one maker per kind: every field of the model, in its order -------------------------

    def _visits(self) -> dict[str, Any]:
        rng = self.rng
        common = self._common()
        limit = common.pop("_limit")
        return {
            "status": rng.choices(VISIT_STATUSES, cum_weights=VISIT_WEIGHTS)[0],
            "date": self._date(limit),
            "visitors": self._some(self.persons, 1, 2),
            "met_with": self._some(self.actors, 0, 3),
            "destination": self._maybe(self.places, 0.9),
            "aboard": self._maybe(self.vessels, 0.03),
            "purpose": self._maybe(PURPOSES, 0.5),
            **common,
        }

    def _deployments(self) -> dict[str, Any]:
        rng = self.rng
        common = self._common()
        limit = common.pop("_limit")
        return {
            "status": rng.choices(DEPLOYMENT_STATUSES, cum_weights=DEPLOYMENT_WEIGHTS)[0],
            "date": self._date(limit, optional=0.25),
            "deployed_by": rng.choice(self.forces),
            "force_type": rng.choice(FORCE_TYPES),
            "unit": self._maybe(self.forces, 0.5),
            "size": self._maybe(self.sizes, 0.4),
            "location": self._maybe(self.places, 0.8),
            "base": self._maybe(self.bases, 0.2) if self.bases else None,
            "in_support_of": self._maybe(self.actors, 0.3),
            "purpose": self._maybe(PURPOSES, 0.3),
            **common,
        }

    def _bases(self) -> dict[str, Any]:
        rng = self.rng
        common = self._common()
        limit = common.pop("_limit")
        facility = rng.choice(FACILITY_TYPES)
        place = rng.choice(self.sites)
        return {
            "status": rng.choice(BASE_STATUSES),
            "date": self._date(limit, optional=0.3),
            "name": f"{self.names[place]} {FACILITY_WORDS[facility]}",
            "facility_type": facility,
            "place": place,
            "location_precision": rng.choice(LOCATION_PRECISIONS),
            "user": self._maybe(self.forces, 0.7),
            **common,
        }

    def _agreements(self) -> dict[str, Any]:
        rng = self.rng
        common = self._common()
        limit = common.pop("_limit")
        return {
            "status": rng.choice(AGREEMENT_STATUSES),
            "date": self._date(limit, optional=0.2),
            "agreement_type": rng.choice(AGREEMENT_TYPES),
            "subject": rng.choice(SUBJECTS),
            "parties": self._some(self.actors, 0, 3),
            "brokers": self._some(self.actors, 0, 1),
            "amount": self._maybe(self.amounts, 0.2),
            "place": self._maybe(self.places, 0.3),
            **common,
        }

    def _migration_figures(self) -> dict[str, Any]:
        rng = self.rng
        common = self._common()
        limit = common.pop("_limit")
        return {
            "status": rng.choice(FIGURE_STATUSES),
            "quantity": rng.choice(self.figures),
            "counted": rng.choice(COUNTED),
            "origin": self._maybe(self.places, 0.8),
            "destination": self._maybe(self.places, 0.6),
            "period": self._date(limit, optional=0.2),
            "reported_by": self._maybe(self.actors, 0.4),
            **common,
        }


def release() -> Release:
    """Return the release metadata of every synthetic package (a pre-release version)."""
    return Release(
        title="libyadata synthetic benchmark data",
        abstract="Generated records over generated seed texts, for measuring validation at scale.",
        version=VERSION,
        date_released=dt.date(2026, 1, 1),
        authors=(Person(name="libyadata benchmarks"),),
        keywords=("synthetic", "benchmark"),
        license="CC0-1.0",
    )


def generate(n: int, *, seed: int = 0, shape: Shape | None = None) -> Synthetic:
    """Return a synthetic dataset of ``n`` records, the same for the same ``n`` and ``seed``."""
    shape = shape or Shape()
    rng = random.Random(seed)  # noqa: S311 (reproducible data, not secrets)
    timings = {}
    began = time.perf_counter()
    actor_specs = make_actors(rng, shape.actors)
    place_specs = make_places(rng, shape.places)
    seeds = make_seeds(rng, shape, actor_specs, place_specs)
    actors, places = reference_models(rng, actor_specs, place_specs, seeds)
    timings["seeds and references"] = time.perf_counter() - began
    began = time.perf_counter()
    maker = _RecordMaker(
        rng, seeds=seeds, actors=actors, places=places, shape=shape, counts=record_counts(n)
    )
    records: dict[str, list[Any]] = {"actors": actors, "places": places}
    for table in MODELS:
        records[table] = maker.records(table)
    timings["records"] = time.perf_counter() - began
    return Synthetic(release(), seeds, records, timings)


def check(synthetic: Synthetic) -> int:
    """Validate every record by a JSON round trip through its model; return how many.

    Every one, at every size (about 30 % of the generator's time). Raises
    ``AssertionError`` when a record is invalid or validation would change it.
    """
    checked = 0
    for items in synthetic.records.values():
        for record in items:
            model = type(record)
            if set(record.__dict__) != set(model.model_fields):
                raise AssertionError(f"{record.id} lacks fields")
            dumped = record.model_dump_json()
            again = model.model_validate_json(dumped)
            if again.model_dump_json() != dumped:
                raise AssertionError(f"{record.id} changes when validated: {dumped}")
            checked += 1
    return checked


@contextmanager
def _without_zip() -> Iterator[None]:
    """Let ``build.assemble`` skip the release zip, which a benchmark package never writes.

    ``assemble`` always zips every file in memory: a second copy of the package, gigabytes
    at a million records, only to be dropped here.
    """
    original = build._zip
    build._zip = lambda folder, files, moment: b""
    try:
        yield
    finally:
        build._zip = original


def assemble(synthetic: Synthetic) -> build.Build:
    """Render the package files of a synthetic dataset (``libyadata.publishing.build.assemble``)."""
    seed_models = [seed.model for seed in synthetic.seeds]
    codebook = schemas.render()["codebook.md"]
    with _without_zip():
        return build.assemble(
            synthetic.release, seed_models, synthetic.records, synthetic.texts, codebook
        )


def complete(folder: Path, n: int, seed: int, shape: Shape) -> bool:
    """Whether ``folder`` holds a finished package for these parameters (its marker says so)."""
    try:
        marker = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return marker.get("parameters") == _parameters(n, seed, shape)


def _parameters(n: int, seed: int, shape: Shape) -> dict[str, Any]:
    return {
        "generator": GENERATOR_VERSION,
        "records": n,
        "seed": seed,
        "shape": json.loads(json.dumps(shape.__dict__)),
    }


def peak_memory_mib() -> float:
    """Peak resident memory of this process so far, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def ensure(
    n: int,
    folder: Path | None = None,
    *,
    seed: int = 0,
    shape: Shape | None = None,
    force: bool = False,
    log: Callable[[str], None] = print,
) -> Path:
    """Return a folder holding the synthetic package of ``n`` records, generating it if needed.

    A complete package for the same parameters is reused; anything else in the folder from an
    unfinished run is replaced. A folder that is not a synthetic package is refused.
    """
    shape = shape or Shape()
    folder = Path(folder) if folder else DEFAULT_DATA / str(n)
    if not force and complete(folder, n, seed, shape):
        log(f"reusing {folder} ({n} records)")
        return folder
    _clear(folder)
    began = time.perf_counter()
    synthetic = generate(n, seed=seed, shape=shape)
    timings = synthetic.timings
    step = time.perf_counter()
    checked = check(synthetic)
    timings["check"] = time.perf_counter() - step
    step = time.perf_counter()
    built = assemble(synthetic)
    timings["assemble"] = time.perf_counter() - step
    del synthetic  # the models are done with; only bytes are left to write
    step = time.perf_counter()
    for path, data in built.files.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    size = sum(len(data) for data in built.files.values())
    timings["write"] = time.perf_counter() - step
    seconds = time.perf_counter() - began
    summary = {
        "parameters": _parameters(n, seed, shape),
        "files": len(built.files),
        "bytes": size,
        "rows": dict(built.rows),
        "checked_records": checked,
        "seconds": round(seconds, 2),
        "timings": {name: round(value, 2) for name, value in timings.items()},
        "peak_memory_mib": round(peak_memory_mib()),
    }
    # Last: its presence says every file above was written.
    (folder / MARKER).write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    parts = ", ".join(f"{name} {value:.1f} s" for name, value in timings.items())
    log(
        f"generated {n} records in {seconds:.1f} s ({parts}); {len(built.files)} files, "
        f"{size / 2**20:.1f} MiB, peak memory {peak_memory_mib():.0f} MiB -> {folder}"
    )
    return folder


def _clear(folder: Path) -> None:
    """Empty ``folder`` for a new package, refusing one that is not (an unfinished) ours."""
    if not folder.exists():
        folder.mkdir(parents=True)
        return
    entries = list(folder.iterdir())
    ours = not entries or (folder / "datapackage.json").exists() or (folder / MARKER).exists()
    if not ours:
        # Never delete a folder the user may care about: only what this script wrote.
        raise SystemExit(f"{folder} is not empty and holds no synthetic package; pick another")
    for entry in entries:
        if entry.is_dir():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def main(argv: Sequence[str] | None = None) -> None:
    """Generate (or reuse) the synthetic package the command line asks for."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("records", type=int, help="how many records (all five kinds together)")
    parser.add_argument(
        "outdir", type=Path, nargs="?", help=f"package folder (default {DEFAULT_DATA}/<records>)"
    )
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--force", action="store_true", help="regenerate even if complete")
    arguments = parser.parse_args(argv)
    if arguments.records < 1:
        parser.error("records must be at least 1")
    ensure(arguments.records, arguments.outdir, seed=arguments.seed, force=arguments.force)


if __name__ == "__main__":
    main()
