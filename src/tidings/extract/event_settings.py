"""The event coder's grammar words (`knowledge/data/events/settings.yaml`), read once
into one typed record shared by its parts. The YAML's header documents every key."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from ..knowledge import data_path
from .modality import ModalityWords


@dataclass(frozen=True)
class EventSettings:
    words: ModalityWords
    light_verbs: frozenset[str]
    target_preps: frozenset[str]
    place_preps: frozenset[str]
    refine: dict[str, dict[str, str]]
    mutual: tuple[str, ...]
    future_as: dict[str, str]
    obligation: frozenset[str]
    first_person: frozenset[str]
    reported_pronouns: frozenset[str]
    addressee_roots: frozenset[str]
    conditional_threat: frozenset[str]
    own_possessives: frozenset[str]
    own_forces: frozenset[str]
    implied_source: dict[str, list[str]]
    implied_target: dict[str, list[str]]
    unattributed_roots: frozenset[str]
    unattributed_sector: str | None
    unattributed_name: str
    attack_marks: frozenset[str]
    standing_actors: dict[str, list[str]]
    agentless_causes: frozenset[str]
    deed_roots: frozenset[str]
    deed_preps: frozenset[str]
    of_requester: frozenset[str]
    frame_nouns: frozenset[str]
    group_nouns: frozenset[str]
    reporter_roots: frozenset[str]
    circumstance_preps: frozenset[str]
    stative: frozenset[str]
    descriptive: frozenset[str]
    failure_governors: frozenset[str]
    failure_as: dict[str, str]
    refusal_aux: frozenset[str]
    refusal_roots: frozenset[str]
    power_nouns: frozenset[str]
    possession_verbs: frozenset[str]
    setting_nouns: frozenset[str]
    setting_preps: frozenset[str]
    document_nouns: frozenset[str]
    orderers: frozenset[str]
    patient_nouns: frozenset[str] = frozenset()
    populace_roots: frozenset[str] = frozenset()

    @classmethod
    def load(cls) -> EventSettings:
        settings = yaml.safe_load(data_path("events/settings.yaml").read_text(encoding="utf-8"))
        return cls.from_mapping(settings)

    @classmethod
    def from_mapping(cls, settings: dict[str, Any]) -> EventSettings:
        def words(key: str) -> frozenset[str]:
            return frozenset(settings.get(key) or [])

        def roots(key: str) -> frozenset[str]:  # codes may be read by YAML as numbers
            return frozenset(str(r) for r in settings.get(key) or [])

        def table(key: str) -> dict[str, str]:
            return {str(k): str(v) for k, v in (settings.get(key) or {}).items()}

        unattributed = settings.get("unattributed_attacks") or {}
        return cls(
            words=ModalityWords.from_settings(settings),
            light_verbs=words("light_verbs"),
            target_preps=words("target_prepositions"),
            place_preps=words("place_prepositions"),
            refine={str(k): {str(a): str(b) for a, b in v.items()}
                    for k, v in (settings.get("refine") or {}).items()},
            mutual=tuple(str(x) for x in settings.get("mutual_roots") or []),
            future_as=table("future_as"),
            obligation=words("obligation_aux"),
            first_person=words("first_person"),
            reported_pronouns=words("reported_pronouns"),
            addressee_roots=roots("addressee_roots"),
            conditional_threat=roots("conditional_threat"),
            own_possessives=words("own_possessives"),
            own_forces=words("own_forces"),
            implied_source=_sector_table(settings.get("implied_source")),
            implied_target=_sector_table(settings.get("implied_target")),
            unattributed_roots=frozenset(str(r) for r in unattributed.get("roots") or []),
            unattributed_sector=unattributed.get("sector"),
            unattributed_name=str(unattributed.get("name") or "Unidentified attackers"),
            attack_marks=words("attack_marks"),
            standing_actors=_sector_table(settings.get("standing_actors")),
            agentless_causes=words("agentless_causes"),
            deed_roots=roots("deed_roots"),
            deed_preps=words("deed_prepositions"),
            of_requester=roots("of_requester_roots"),
            frame_nouns=words("frame_nouns"),
            group_nouns=words("group_nouns"),
            reporter_roots=roots("reporter_participant_roots"),
            circumstance_preps=words("circumstance_prepositions"),
            stative=words("stative_participles"),
            descriptive=words("descriptive_participles"),
            failure_governors=words("failure_governors"),
            failure_as=table("failure_as"),
            refusal_aux=roots("refusal_aux"),
            refusal_roots=roots("refusal_roots"),
            power_nouns=words("power_nouns"),
            possession_verbs=words("possession_verbs"),
            setting_nouns=words("setting_nouns"),
            setting_preps=words("setting_prepositions"),
            document_nouns=words("document_nouns"),
            orderers=words("orderer_verbs"),
            patient_nouns=words("patient_nouns"),
            populace_roots=roots("populace_roots"),
        )


def _sector_table(value: dict | None) -> dict[str, list[str]]:
    return {str(k): [str(x) for x in v] for k, v in (value or {}).items()}
