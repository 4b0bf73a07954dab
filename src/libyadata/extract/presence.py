"""Foreign forces and where they stand: deployments and bases from a sentence.

A deployment trigger ("deployed", "troops", "mercenaries"), or a warship the reference tables
know, proposes a deployment when a
deployer can be told: the state just before the force ("Russian special forces"), the country
of the unit named (a known armed group's), or the state the sentence names. Its force type,
size, location and the side it supports come from the words around it.

A facility word ("air base", "port", "airfield") proposes a base at the place named with it
("the port of Tobruk", "Al-Jufra air base"), or at each place listed after it ("air bases
such as X, Y and Z"), or set beside it ("a port, most likely Tobruk"), or, failing that, at the
last place named before it (marked inferred). Its user is the actor after "by" or the group
before it.
"""

from __future__ import annotations

import re

from . import lexicon, roles
from .analyse import Mention
from .cues import Cue
from .negation import negated
from .reader import Candidate, SentenceReader

#: Units of a quantity that give a deployment's size.
_SIZE_UNITS = frozenset({"person", "vessel", "aircraft", "tonne"})
#: Words before a force that make it another than the one deployed.
_NOT_THE_UNIT = ("with", "against", "support", "assist", "help", "backing", "back")
#: How precisely a base's place locates it, by the kind of place.
_PRECISION = {"facility": "facility", "city": "settlement", "region": "region"}
#: A name right before a facility word: capitalised words, with the Arabic article inside
#: ("Maaten al-Sarra air base", "Brak al-Shati").
_NAME_BEFORE = re.compile(
    r"((?:(?:al|el|ad|as|ash)-)?[A-Z][\w’'-]*\s"
    r"(?:(?:[A-Z][\w’'-]*|(?:al|el|ad|as|ash|bin|ibn)[-\s][\w’'-]+)\s)*)$"
)
_ENUMERATION = re.compile(r"\b(?:such as|including|like)\b")
#: What stands between two facility words that name one facility ("docking rights at a port").
_FACILITY_OF = re.compile(r"\s+(?:at|in|of)\s+(?:(?:a|an|the|its|their)\s+)?(?:[A-Z][\w’'-]*\s+)?")
#: What may stand between a facility word and a place set beside it: ", most likely ".
_BESIDE = re.compile(r"\s*[,(—–]\s*(?:[a-z]+\s+){0,2}")
#: Entity labels of a name a facility is at.
_AT_LABELS = frozenset({"GPE", "LOC", "FAC", "ORG", "PERSON"})
#: What stands between a facility word and the name it is at: "in the south, at ".
_AT_NAME = re.compile(r"(?:\s+in\s+the\s+(?:north|south|east|west)\w*)?\s*,?\s+(?:at|in|near)\s+")
_ENUMERATION_GAP = re.compile(r"\([^)]*\)|,|\band\b|\bor\b")
#: Capitalised words that open a sentence before a facility word and name nothing.
_ARTICLES = frozenset({"The", "A", "An", "This", "That", "Its", "Their", "His", "Her"})
#: Verbs of moving forces or equipment (lemmas), whose complements give where to and from.
_MOVING = frozenset(
    {
        *("deploy", "send", "ship", "fly", "move", "transfer", "deliver", "land", "airlift"),
        *("transport", "unload", "arrive", "redeploy", "dispatch", "station", "take", "base"),
        "call",  # warships "called at the port of Tobruk"
    }
)
#: Verbs (lemmas) whose subject carries what they name as object ("ships unloaded vehicles").
_UNLOADING = frozenset({"unload", "deliver", "carry", "bring", "ferry", "offload"})
#: The preposition by which "based" says where forces are stationed.
_BASED_AT = frozenset({"at"})
#: A cue of support right before an actor (one word, "the", may stand between).
_SUPPORT_BEFORE = re.compile(
    r"\b(?:" + "|".join(re.escape(c) for c in lexicon.SUPPORT_CUES) + r")\s+(?:\w+\s+)?$"
)
#: Kinds of place too wide to be a facility's own place, or where a force went to it.
WIDE_PLACES = frozenset({"country", "region"})
#: A possessive ending the words before a facility ("Russia's bases").
_POSSESSIVE = re.compile(r"['’]s?\s*$")
#: Determiners by which a force named before is taken up.
_DEFINITE = frozenset({"the", "these", "those"})
#: Verbs of a relative clause that says whom the deployer supports (lemmas).
_BACKING = frozenset({"back", "support", "arm", "fund", "aid"})
#: Words before a vehicle that carries rather than fights ("cargo planes").
_CARRIERS = frozenset({"cargo", "transport", "landing", "supply"})


class DeploymentReader(SentenceReader):
    """Proposes deployments from one sentence."""

    def deployments(self) -> list[Candidate]:
        """Return the deployment the sentence reports, if it names who deploys."""
        triggers = self.facts.cues_of("trigger:deployments")
        vessels = self.actors_of_kind({"vessel"})
        if not triggers and not vessels:
            return []
        # "no troops were deployed", "No agreement has been signed on a naval presence"
        heads = {id(c): self.token_of(c.start, c.end) for c in triggers}
        triggers = [c for c in triggers if (t := heads[id(c)]) is None or not negated(t)]
        if not triggers and not vessels:
            return []
        # A known warship named anywhere reports where its navy is, whatever the verb.
        trigger = triggers[0] if triggers else _as_cue(vessels[0])
        force, force_cue = self.force()
        # A force named after "with" or "against" is met or fought, not sent.
        units = [
            m
            for m in self.actors_of_kind({"armed_group", "armed_force", "vessel"})
            if not self.after([m], _NOT_THE_UNIT, 2)
        ]
        named = [m for m in units if self.army_as_adjective(m) is None]
        unit = self.first_actor(named[0]) if named else None
        deployer, how = self.deployer(force_cue, units)
        sizes = [q for q in self.facts.quantities if q.quantity["unit"] in _SIZE_UNITS]
        # "the fighters were flown in": a force named before, taken up by "the"
        definite = any(
            self.words_before(c.start, 1) in _DEFINITE
            for c in (force_cue, trigger if triggers else None)
            if c is not None
        )
        if deployer is None and not (definite and not sizes):
            return []
        if (
            force in ("unspecified", "regular_troops")
            and unit is not None
            and self.ref.kinds([unit]) == {"armed_group"}
        ):
            force = "mercenaries"  # "Wagner fighters" are a private force, not an army's
        moved_to, moved_from = self.movement()
        locations = (
            [moved_to]
            if moved_to is not None
            else [
                m
                for m in self.after(self.places(), lexicon.TO_PLACE, 2)
                if not self.after([m], lexicon.FROM_PLACE, 1)
            ]
        )
        # the whole cue before the actor: "in support of X", never any "of X" ("a visit of
        # Russian warships")
        if not locations:
            locations = self.facility_places(trigger.start)
        if trigger.text.split()[0].lower() in _CARRIERS and not locations and moved_from is None:
            # "a landing ship was seen leaving the Syrian coast": a carrier going nowhere said
            # moves nothing anywhere yet
            return []
        supported = [
            m
            for m in self.actors()
            if _SUPPORT_BEFORE.search(self.between(self.start, m.start).lower())
        ]
        if not supported and deployer is not None:
            supported = self.backed_by(deployer)
        status, cue = self.status("deployments", self.start, self.end)
        date = self.nearest_date(trigger.start, self.start, self.end)
        fields = {
            "status": status,
            "date": date.date if date else None,
            "deployed_by": deployer,
            "force_type": force,
            "unit": unit,
            "size": sizes[0].quantity if sizes else None,
            "location": _place_value(self, locations[0]) if locations else None,
            "origin": _place_value(self, moved_from) if moved_from is not None else None,
            "in_support_of": self.first_actor(supported[0]) if supported else None,
        }
        signals = [
            f"deployment trigger '{trigger.text}'",
            how,
            force_cue and f"force '{force_cue.text}'",
            cue,
            sizes and sizes[0].signal,
            date and date.signal,
            locations and f"location '{_shown(locations[0])}'",
        ]
        score = 0.4 + 0.15 * bool(sizes) + 0.1 * (bool(locations) + bool(force_cue) + bool(date))
        made = self.candidate("deployments", fields, signals, score)
        # nothing new of size, and either no deployer or no place of its own: more of the
        # force named before ("the fighters were flown from Damascus to Benghazi")
        made.refers_back = definite and not sizes and (deployer is None or not locations)
        made.adds = made.refers_back
        made.identity = ("deployed_by",)
        return [made]

    def facility_places(self, after: int) -> list[Mention]:
        """Return the places of the facilities named after ``after`` ("at the port of Tobruk").

        Where a force is brought to or unloaded at a facility, the facility's place is where
        it went, whatever the parse made of the phrase.
        """
        for facility in self.facts.cues_of("facility:"):
            if facility.start < after:
                continue
            for place in self.places(self.start, self.end):
                gap = (
                    self.between(facility.end, place.start)
                    if place.start >= facility.end
                    else self.between(place.end, facility.start)
                )
                if gap.strip(" -") in ("", "of", "at"):
                    return [place]
        return []

    def backed_by(self, deployer: str) -> list[Mention]:
        """Return the side a relative clause on the deployer says it backs, from the parse.

        "Turkey, which backs the government in Tripoli, sent advisers": the clause describes
        the deployer and names whom it supports; a clause on any other name says nothing of
        this deployment.
        """
        doc = self.facts.doc
        if doc is None:
            return []
        for token in doc:
            if token.dep_ != "relcl" or token.lemma_ not in _BACKING:
                continue
            owner = self.mention_at(token.head)
            subjects = roles.children(token, "nsubj")
            if owner is None or deployer not in owner.ids or not subjects:
                continue
            if subjects[0].lower_ not in roles.RELATIVE:
                continue
            words = [t for t in token.subtree if t.i > subjects[0].i]
            if not words:
                return []
            return [m for m in self.actors(*self.offsets_of(words)) if deployer not in m.ids][:1]
        return []

    def movement(self) -> tuple[Mention | str | None, Mention | str | None]:
        """Return where the sentence's verbs of moving send something to, and from (parsed).

        The complement of the verb itself: "landed at the Khadim air base", "ship … from the
        Tartus naval base to Libya", "moved from the Jufra region to Sirte".
        """
        doc = self.facts.doc
        if doc is None:
            return None, None
        to: Mention | str | None = None
        origin: Mention | str | None = None
        for token in doc:
            if token.pos_ not in ("VERB", "AUX") or token.lemma_ not in _MOVING:
                continue
            if token.lemma_ == "base":
                # "were based at the X air base"; a body "based in Britain" only sits there
                to = to or self.place_or_words(token, _BASED_AT)
                continue
            to = to or self.place_or_words(token)
            origin = origin or self.place_or_words(token, roles.ORIGIN_PREPOSITIONS)
        return to, origin

    def force(self) -> tuple[str, Cue | None]:
        """Return the force type the sentence names, the most specific first.

        A vehicle that carries ("cargo planes", "transport aircraft") is not the force.
        """
        facilities = self.facts.cues_of("facility:")
        cues = [
            c
            for c in self.facts.cues_of("force:")
            if self.words_before(c.start, 1) not in _CARRIERS
            and not any(f.start <= c.start < f.end for f in facilities)  # "naval base"
        ]
        # "naval ships unloaded armoured vehicles": who unloads carries; the load is the force
        carried = [c for c in cues if not self.unloads(c)]
        if cues and not carried:
            return "hardware", cues[0]  # what they unload names no force: equipment
        cues = carried
        for force, _ in lexicon.FORCE_TYPES:
            for cue in cues:
                if cue.group == f"force:{force}":
                    return force, cue
        return "unspecified", None

    def unloads(self, cue: Cue) -> bool:
        """Whether a force word is the subject of a verb of unloading or delivering."""
        token = self.token_of(cue.start, cue.end)
        while token is not None and token.dep_ in ("amod", "compound") and token.head is not token:
            token = token.head  # "naval" of "naval ships"
        return (
            token is not None
            and token.dep_ == "nsubj"
            and token.head.lemma_ in _UNLOADING
            and bool(roles.objects(token.head))
        )

    def deployer(self, force_cue: Cue | None, units: list[Mention]) -> tuple[str | None, str]:
        """Return the actor that deploys: the state before the force, the unit's, or named."""
        states = self.actors_of_kind({"state", "organisation"})
        if force_cue is not None:
            near = [m for m in states if 0 <= force_cue.start - m.end <= 20]
            if near:
                return self.first_actor(near[0]), f"deployed by '{near[0].text}' (before the force)"
        for unit in units:
            state = self.ref.state(self.ref.actors[self.first_actor(unit)].country)
            if state:
                return state, f"deployed by {state}, the country of '{unit.text}'"
        if states:
            return self.first_actor(states[0]), f"deployed by '{states[0].text}'"
        # "Moscow plans to ship …": a city that is a verb's subject stands for its state
        for mention in self.places():
            token = self.token_of(mention.start, mention.end)
            place = self.ref.places[self.first_place(mention)]
            state = self.ref.state(place.country) if place.kind == "city" else None
            if token is not None and token.dep_ == "nsubj" and state:
                return state, f"deployed by {state}: '{mention.text}' stands for it"
        return None, ""


class BaseReader(SentenceReader):
    """Proposes bases from one sentence."""

    def bases(self) -> list[Candidate]:
        """Return one candidate per facility the sentence names (per place it lists)."""
        not_facilities = self.facts.cues_of("not_facility")
        cues = [
            cue
            for cue in _outermost(self.facts.cues_of("facility:"))
            if not any(n.start <= cue.start < n.end for n in not_facilities)
        ]
        found = []
        for index, cue in enumerate(cues):
            following = cues[index + 1] if index + 1 < len(cues) else None
            if following is not None and _FACILITY_OF.fullmatch(
                self.between(cue.end, following.start)
            ):
                continue  # "docking rights at a port": one facility, named by the second
            found += [c for c in self.base(cue) if c is not None]
        return found

    def base(self, cue: Cue) -> list[Candidate | None]:
        """Return the bases of one facility word: at the places listed, named, or before."""
        facility = cue.group.split(":")[-1]
        listed = self.enumerated(cue)
        if listed:
            return [self.base_at(cue, facility, m.text, m) for m in listed]
        own = [
            m for m in self.places(cue.end, cue.end + 25) if self.after([m], ["in", "of", "at"], 1)
        ]
        before = self.places(max(self.start, cue.start - 25), cue.start)
        name_before = _NAME_BEFORE.search(self.between(self.start, cue.start))
        if name_before and all(
            w.lower() in lexicon.DEMONYMS or w.lower() in lexicon.ADJECTIVES or w in _ARTICLES
            for w in name_before.group(1).split()
        ):
            name_before = None  # "a Libyan port" says whose, not which; "The port" neither
        if name_before and _POSSESSIVE.search(name_before.group(1)):
            # "Russia's bases", "Haftar's bases": whose, not which or where; a plural of
            # someone's names no one facility
            if cue.text.endswith("s"):
                return []
            name_before = None
        # The place written as the facility's own name ("Khadim air base") comes first; a place
        # merely named earlier in the sentence ("in Moscow", "at Tartus") is not the facility's.
        named = [m for m in before if not self.between(m.end, cue.start).strip(" -")]
        if (
            name_before
            and not named
            and own
            and self.ref.kinds(self.place_ids(own[0])) & WIDE_PLACES
        ):
            # "the remote al-Wigh airfield in Libya's far south": the facility's own name is
            # where it is; the country only contains it
            own = []
        place = named[-1] if named else own[0] if own else None
        name = cue.text
        if name_before:
            name = name_before.group(1) + cue.text
        elif own:
            name = cue.text + self.between(cue.end, own[0].end)
        if place is None and not name_before:
            return self.base_elsewhere(cue, facility, name)
        if place is None and name_before:
            # a facility of a name no table knows: its place is that name, in the text's words
            return [self.base_at(cue, facility, name.strip(), name_before.group(1).strip())]
        if place is None:
            return []
        return [self.base_at(cue, facility, name.strip(), place)]

    def base_elsewhere(self, cue: Cue, facility: str, name: str) -> list[Candidate | None]:
        """Return the base of a facility word with no place of its own.

        A place set beside it names it ("a port, most likely Tobruk"); "the airfield" with no
        name is the facility of that family proposed last (inferred). A place merely named
        before it ("in Moscow", "at Tartus") is never taken for the facility's.
        """
        beside = [
            m for m in self.places(cue.end) if _BESIDE.fullmatch(self.between(cue.end, m.start))
        ]
        if beside:
            return [self.base_at(cue, facility, beside[0].text, beside[0])]
        named = self.named_after(cue)
        if named is not None:
            return [self.base_at(cue, facility, named, named)]
        last = self.context.facility
        definite = self.words_before(cue.start, 1) in roles.DEFINITE
        if definite and last is not None and _one_family(facility, last[1]):
            # "the airfield" after "the Khadim air base": the facility named before
            return [self.base_at(cue, facility, last[2], last[0], inferred="before it")]
        if cue.text.endswith("s") and not definite:
            # "a handful of air bases" in a text about a country: somewhere in that country
            countries = [
                m
                for m in self.places(self.start, cue.start)
                if self.ref.kinds(self.place_ids(m)) == {"country"}
            ]
            country = countries[-1] if countries else self.context.country
            if country is not None:
                return [self.base_at(cue, facility, name, country, inferred="as the country")]
        return []

    def named_after(self, cue: Cue) -> str | None:
        """Return the name no table lists that a facility word is placed at, if any.

        "a second airfield in the south, at Waw al-Kabir": the place the recogniser finds
        right after "at" (or "in", "near"), once a general direction is set aside.
        """
        doc = self.facts.doc
        if doc is None:
            return None
        for entity in doc.ents:
            start = entity.start_char + self.offset
            # right after "at" a facility, a name is a place, whatever the recogniser guessed
            # ("Ras Lanuf" is often taken for a person)
            if entity.label_ not in _AT_LABELS or start < cue.end:
                continue
            if _AT_NAME.fullmatch(self.between(cue.end, start)):
                return entity.text.removeprefix("the ")
            return None
        return None

    def enumerated(self, cue: Cue) -> list[Mention]:
        """Return the places listed after a plural facility word ("bases such as X and Y")."""
        match = _ENUMERATION.search(self.between(cue.end, self.end))
        if not cue.text.endswith("s") or match is None:
            return []
        after = cue.end + match.end()
        listed: list[Mention] = []
        for mention in self.places(after):
            gap = self.between(listed[-1].end if listed else after, mention.start)
            if len(_ENUMERATION_GAP.sub(" ", gap).split()) > 1:
                break
            listed.append(mention)
        return listed

    def predicate_of(self, cue: Cue) -> tuple[int, int] | None:
        """Return the offsets of what is said of a facility that is its clause's subject.

        From the end of the subject's own words to the end of its verb's phrase, so an
        apposition between them ("The port, about 150 km away, has been …") does not cut
        the facility off from its verb. ``None`` when the facility is not a subject.
        """
        token = self.token_of(cue.start, cue.end)
        if token is None or token.dep_ not in ("nsubj", "nsubjpass"):
            return None
        verb = token.head
        after = [t for t in verb.subtree if t.i > max(t.i for t in token.subtree)]
        return self.offsets_of(after) if after else None

    def base_at(
        self, cue: Cue, facility: str, name: str, place: Mention | str, *, inferred: str = ""
    ) -> Candidate | None:
        """Return the candidate of a base of ``facility`` type named ``name`` at ``place``.

        ``place`` is a known place's name, or the words of a place no table lists.
        """
        place_id = self.first_place(place) if isinstance(place, Mention) else place
        place_text = place.text if isinstance(place, Mention) else place
        user, how = self.user(cue)
        # A sentence may set a base sought beside one held ("not yet able to have a naval base
        # in X, as is the case with the Y air base"): the facility's own clause says which.
        clause = self.clause_at(cue.start) or (self.start, self.end)
        following = self.clause_at(clause[1] + 1)
        if following is not None and self.between(*following).split()[:1] in (["where"], ["which"]):
            clause = (clause[0], following[1])  # "the X air base, where troops are stationed"
        status, status_cue = self.status("bases", *clause)
        predicate = self.predicate_of(cue)
        if status_cue is None and predicate is not None:
            # "The port, about 150 km from the border, has been mentioned as a possible future
            # base": the facility's own verb, past the apposition, says how it stands
            status, status_cue = self.status("bases", *predicate)
        date = self.nearest_date(cue.start, self.start, self.end)
        fields = {
            "status": status,
            "date": date.date if date else None,
            "name": name,
            "facility_type": facility,
            "place": place_id,
            "location_precision": _PRECISION.get(
                str(self.ref.places[place_id].kind) if place_id in self.ref.places else "facility",
                "country",
            ),
            "user": user,
        }
        signals = [
            f"base trigger '{cue.text}'",
            f"place '{place_text}'" + (f" (the facility named {inferred})" if inferred else ""),
            how,
            status_cue,
            date and date.signal,
        ]
        score = 0.55 + 0.15 * bool(user) - 0.2 * bool(inferred)
        if status == "referenced" and user is None and place_id not in self.ref.places:
            return None  # an airport named where someone was met: nothing says it is a base
        candidate = self.candidate("bases", fields, signals, score)
        if not inferred and isinstance(place, Mention):
            self.context.facility = (place, facility, name)
        if inferred:
            candidate.inferred.append("place")
            candidate.notes.append(
                f"The text names no place with the facility; it is taken for the facility "
                f"named {inferred} ('{name}' at '{place_text}')."
            )
        return candidate

    def user(self, cue: Cue) -> tuple[str | None, str | None]:
        """Return who uses the facility: the actor after "by", the group before, or "it"."""
        start, end = self.clause_at(cue.start) or (self.start, self.end)
        by = self.after(self.actors(cue.end, end), ["by"], 2)
        if by:
            return self.first_actor(by[0]), f"user after 'by': {by[0].text}"
        before = [
            m
            for m in self.actors(self.start, cue.start)
            if self.ref.kinds(self.actor_ids(m)) - {"person"}
        ]
        if before:
            state = self.army_as_adjective(before[-1])
            if state is not None:  # "Russian military engineers were based at": Russia's
                return state, f"user {state}, whose army '{before[-1].text}' describes them"
            return self.first_actor(before[-1]), f"user '{before[-1].text}'"
        referent = self.pronoun_referent(start, cue.start, "group")
        if referent is not None and self.actor_ids(referent):
            return self.first_actor(referent), f"'it' or 'they' taken to be {referent.text}"
        # "the X air base, where Russian personnel have been stationed": those stationed there
        following = self.clause_at(end + 1)
        if following is not None and self.between(*following).split()[:1] in (
            ["where"],
            ["which"],
        ):
            inside = [
                m for m in self.actors(*following) if self.ref.kinds(self.actor_ids(m)) - {"person"}
            ]
            if inside:
                return self.first_actor(inside[0]), f"user '{inside[0].text}' (stationed there)"
        return None, None


def _place_value(reader: SentenceReader, place: Mention | str) -> str:
    """Return a place's id, or the text's words for a place no table lists."""
    return place if isinstance(place, str) else reader.first_place(place)


def _shown(place: Mention | str) -> str:
    return place if isinstance(place, str) else place.text


def _one_family(first: str, second: str) -> bool:
    """Whether two facility types may name one facility (an air base and an airfield)."""
    families = ({"air_base", "airfield", "military_base"}, {"port", "naval_base", "military_base"})
    return any({first, second} <= family for family in families)


def _as_cue(mention: Mention) -> Cue:
    """Return a name as the cue that proposed a record."""
    return Cue(mention.start, mention.end, mention.text, "trigger:deployments")


def _outermost(cues: list[Cue]) -> list[Cue]:
    """Drop cues inside a longer cue ("base" inside "air base")."""
    kept: list[Cue] = []
    for cue in sorted(cues, key=lambda c: (c.start, -c.end)):
        if kept and cue.start < kept[-1].end:
            continue
        kept.append(cue)
    return kept
