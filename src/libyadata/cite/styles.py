"""Citations of the dataset and of single records: BibTeX, APA 7 (marked up or plain) and CSL-JSON.

Everything comes from a built data package (``datapackage.json`` and its seeds table), so it
works on an installed copy with no checkout. Bibliographic values that are not known are left
out, never guessed; a seed's date goes as far as its precision (or both ends of its range) allow.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import takewhile
from typing import Any

from ..core.suggest import closest
from ..formats.packagenames import DOI_KEY
from ..models import FuzzyDate, Record, Seed
from ..models.tables import TABLES
from ..models.vocab import SourceType
from ..readers.datapackage import DataPackage


class Style(StrEnum):
    """Citation formats."""

    BIBTEX = "bibtex"
    APA = "apa"
    CSL = "csl"
    TEXT = "text"
    """APA as plain text: without the ``*…*`` that mark italics in the APA form."""


class UnknownRecordError(LookupError):
    """The data package holds no record with the id asked for."""


#: The months by number (1 is January), in English whatever the locale, as APA writes them.
_MONTH_NAMES = (
    "January February March April May June July August September October November December"
)
MONTHS = tuple(_MONTH_NAMES.split())
_NEWSPAPER = frozenset({SourceType.NEWS_REPORT, SourceType.OPINION})
_BIBTEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",  # not \{ : BibTeX counts escaped braces too, so a lone one breaks it
    "}": r"\textbraceright{}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    **{char: f"\\{char}" for char in "&%$#_"},
}
_URL_UNSAFE = {ord("{"): "%7B", ord("}"): "%7D", ord("\\"): "%5C", ord(" "): "%20"}


@dataclass(frozen=True)
class _Ref:
    """One work to cite, in terms common to the three formats (CSL's types and variables)."""

    key: str
    type: str  # dataset, article-newspaper or webpage
    authors: tuple[str, ...]
    title: str | None
    container: str | None  # the newspaper, or the publishing organisation
    date: tuple[int, ...]  # year, month, day as far as known
    url: str | None
    version: str | None = None
    language: str | None = None
    doi: str | None = None


def escape_bibtex(text: str) -> str:
    r"""Return ``text`` as BibTeX field text: whitespace collapsed, LaTeX specials escaped.

    Non-ASCII characters are kept as they are (UTF-8); braces become ``\textbraceleft{}`` and
    ``\textbraceright{}`` so that every field stays brace-balanced, as BibTeX requires.
    """
    return "".join(_BIBTEX_SPECIALS.get(char, char) for char in " ".join(text.split()))


def cite(package: DataPackage, record_id: str | None = None, style: Style | str = "bibtex") -> str:
    """Return the citation of the dataset, or of record ``record_id``, in ``style``.

    A record's citation starts with a line naming the record and its seeds (a BibTeX
    ``@comment``, a first APA line, or the CSL dataset item's ``note``), then gives the dataset
    and each seed its evidence cites, in first-cited order. Raises ``UnknownRecordError``.
    """
    record = find_record(package, record_id) if record_id is not None else None
    return citation(package, record, style)


def citation(
    package: DataPackage,
    record: Record | None = None,
    style: Style | str = "bibtex",
    seeds: Mapping[str, Seed] | None = None,
) -> str:
    """Return the citation of the dataset, or of ``record`` in hand, in ``style``.

    ``seeds`` are the package's seeds by id, when the caller has read them already (a site
    cites every record: reading the seeds table again for each would make it quadratic).
    """
    name = str(package.descriptor.get("name") or "libyadata")
    refs, lead = [_dataset(package, name)], None
    if record is not None:
        cited = record_seeds(package, record, seeds)
        refs += [_seed(seed, name) for seed in cited]
        ids = ", ".join(seed.id for seed in cited)
        lead = f"Record {record.id} of {name} {package.version}; its evidence cites {ids}."
    render = {Style.BIBTEX: _bibtex, Style.APA: _apa, Style.CSL: _csl, Style.TEXT: _text}
    return render[Style(style)](refs, lead)


def find_record(package: DataPackage, record_id: str) -> Record:
    """Return the record called ``record_id``; raise ``UnknownRecordError`` with a suggestion."""
    ids: list[str] = []
    spans: list[str] = []
    for source in TABLES.records:
        records = [r for r in package.records(source.name) if isinstance(r, Record)]
        for record in records:
            if record.id == record_id:
                return record
        ids += [record.id for record in records]
        spans += [f"{records[0].id}..{records[-1].id}"] if records else []
    prefix = re.sub(r"[^A-Z]", "", record_id.upper()) + "-"
    kind = [known for known in ids if known.startswith(prefix)]  # no VIS-0001 for SEED-001
    same = [known for known in kind if _loose(known) == _loose(record_id)]  # vis-1 is VIS-0001
    guess = same[0] if same else closest(record_id.strip().upper(), kind)
    hint = f"did you mean {guess}?" if guess else f"its records are {', '.join(spans)}"
    raise UnknownRecordError(f"no record {record_id!r} in libyadata {package.version}; {hint}")


def cited_seeds(package: DataPackage, record_id: str) -> tuple[Seed, ...]:
    """Return the seeds that the evidence of record ``record_id`` cites, once each, in order."""
    return record_seeds(package, find_record(package, record_id))


def record_seeds(
    package: DataPackage, record: Record, seeds: Mapping[str, Seed] | None = None
) -> tuple[Seed, ...]:
    """Return the seeds ``record``'s evidence cites, once each, in order (``seeds``: by id)."""
    if seeds is None:
        seeds = {
            seed.id: seed for seed in package.records(TABLES.sources) if isinstance(seed, Seed)
        }
    return tuple(seeds[seed_id] for seed_id in dict.fromkeys(e.seed_id for e in record.evidence))


def _loose(record_id: str) -> str:
    return re.sub(r"[^A-Z0-9]+|(?<![0-9])0+(?=[0-9])", "", record_id.upper())


def _key(*parts: str) -> str:
    return "_".join(re.sub(r"[^a-z0-9]+", "_", part.lower()).strip("_") for part in parts)


def _dataset(package: DataPackage, name: str) -> _Ref:
    meta = package.descriptor
    created = re.match(r"(\d{4})-(\d\d)-(\d\d)", str(meta.get("created", "")))
    return _Ref(
        key=_key(name, package.version),
        type="dataset",
        authors=tuple(
            str(person["title"])
            for person in meta.get("contributors", [])
            if person.get("title") and "creator" in person.get("roles", ["creator"])
        ),
        title=str(meta.get("title") or name),
        container=None,
        date=tuple(int(part) for part in created.groups()) if created else (),
        url=meta.get("homepage") or _repository(name),
        version=package.version or None,
        doi=_doi(meta.get(DOI_KEY)),
    )


def _repository(name: str) -> str | None:
    """Return the repository of libyadata's own dataset when its descriptor does not say.

    Releases up to 1.0.0 have no ``homepage`` in their descriptor (their bytes are
    registered); the project's home is the one ``CITATION.cff`` gives (``releases.REPOSITORY``,
    which a test holds to it).
    """
    from ..releases.registry import REPOSITORY

    return REPOSITORY if name == "libyadata" else None


def _doi(value: object) -> str | None:
    """Return a DOI as its bare name (``10.5281/zenodo.1``), from that or its ``doi.org`` URL."""
    if not isinstance(value, str) or not value.strip():
        return None
    return re.sub(r"^(https?://(dx\.)?doi\.org/|doi:)", "", value.strip(), flags=re.IGNORECASE)


def _published(date: FuzzyDate) -> tuple[int, ...]:
    if date.value:
        return tuple(int(part) for part in date.value.split("-"))
    if date.earliest is None or date.latest is None:
        return ()
    ends = zip(date.earliest.timetuple()[:3], date.latest.timetuple()[:3], strict=True)
    return tuple(first for first, _ in takewhile(lambda pair: pair[0] == pair[1], ends))


def _seed(seed: Seed, dataset_name: str) -> _Ref:
    return _Ref(
        key=_key(dataset_name, seed.id),
        type="article-newspaper" if seed.source_type in _NEWSPAPER else "webpage",
        authors=(seed.author.value,) if seed.author.value else (),
        title=seed.title.value,
        container=seed.publisher.value,
        date=_published(seed.published),
        url=seed.url.value,
        language=seed.languages[0],
    )


def _braced(text: str) -> str:
    return f"{{{text}}}"


def _bibtex_entry(ref: _Ref) -> str:
    # BibTeX's @article requires a title and a journal; without them a plain @misc is honest.
    known = ref.type == "article-newspaper" and ref.container and ref.title
    kind = "article" if known else "misc"
    fields: list[tuple[str, str]] = []
    if ref.authors:  # each name braced: a literal name, never split into given and family
        fields.append(
            ("author", _braced(" and ".join(_braced(escape_bibtex(a)) for a in ref.authors)))
        )
    if ref.title:  # braced twice: styles must not change its case
        fields.append(("title", _braced(_braced(escape_bibtex(ref.title)))))
    published = "Data set (Frictionless Data Package)" if ref.type == "dataset" else ref.container
    if published:
        field = "journal" if kind == "article" else "howpublished"
        fields.append((field, _braced(escape_bibtex(published))))
    for name, part in zip(("year", "month", "day"), ref.date, strict=False):
        fields.append(
            (name, MONTHS[part - 1][:3].lower() if name == "month" else _braced(str(part)))
        )
    if ref.version:
        fields.append(("version", _braced(escape_bibtex(ref.version))))
    if ref.doi:
        fields.append(("doi", _braced(ref.doi.translate(_URL_UNSAFE))))
    if ref.url:  # URLs are verbatim to BibTeX styles: only what breaks the syntax is encoded
        fields.append(("url", _braced(ref.url.translate(_URL_UNSAFE))))
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@{kind}{{{ref.key},\n{body}\n}}"


def _bibtex(refs: Sequence[_Ref], lead: str | None) -> str:
    comment = [f"@comment{_braced(escape_bibtex(lead))}"] if lead else []
    return "\n\n".join(comment + [_bibtex_entry(ref) for ref in refs])


def _sentence(text: str) -> str:
    return text if text.rstrip("*").endswith((".", "?", "!")) else f"{text}."


def _apa_date(ref: _Ref) -> str:
    parts = ref.date[:1] if ref.type == "dataset" else ref.date  # APA: a data set's year only
    month = f", {MONTHS[parts[1] - 1]}" if len(parts) > 1 else ""
    day = f" {parts[2]}" if len(parts) > 2 else ""
    return f"{parts[0]}{month}{day}" if parts else "n.d."


def _apa_entry(ref: _Ref, mark: str = "*") -> str:
    """Return one APA reference; ``mark`` goes either side of what is set in italics."""
    names = ref.authors
    lead = " & ".join(names) if len(names) < 3 else f"{', '.join(names[:-1])}, & {names[-1]}"
    title: str | None = ref.title or "[Title unknown]"
    source = ref.container
    if ref.type == "dataset":
        version = f" (Version {ref.version})" if ref.version else ""
        title = f"{mark}{title}{mark}{version} [Data set]"
    elif ref.type == "article-newspaper":
        source = source and f"{mark}{source}{mark}"
    elif ref.title:
        title = f"{mark}{title}{mark}"
    if not lead and ref.type == "webpage" and source:  # an organisation's page: it is the author
        lead, source = source, None
    elif not lead:  # no author: the title moves to the front
        lead, title = title or "", None
    parts = (lead, f"({_apa_date(ref)})", title, source)
    text = " ".join(_sentence(part) for part in parts if part)
    # APA gives the DOI as a URL; the repository follows it, so that both are there.
    links = [f"https://doi.org/{ref.doi}"] if ref.doi else []
    links += [ref.url] if ref.url else []
    return " ".join([text, *links])


def _apa(refs: Sequence[_Ref], lead: str | None, mark: str = "*") -> str:
    return "\n\n".join(([lead] if lead else []) + [_apa_entry(ref, mark) for ref in refs])


def _text(refs: Sequence[_Ref], lead: str | None) -> str:
    return _apa(refs, lead, mark="")


def _csl_item(ref: _Ref) -> dict[str, Any]:
    item: dict[str, Any] = {"id": ref.key, "type": ref.type, "title": ref.title}
    if ref.authors:
        item["author"] = [{"literal": name} for name in ref.authors]
    publisher = "container-title" if ref.type == "article-newspaper" else "publisher"
    item |= {publisher: ref.container, "version": ref.version, "DOI": ref.doi, "URL": ref.url}
    if ref.date:
        item["issued"] = {"date-parts": [list(ref.date)]}
    item["language"] = ref.language
    return {name: value for name, value in item.items() if value is not None}


def _csl(refs: Sequence[_Ref], lead: str | None) -> str:
    items = [_csl_item(ref) for ref in refs]
    if lead:
        items[0]["note"] = lead
    return json.dumps(items, ensure_ascii=False, indent=2)
