"""Explaining what a name resolves to, and adding a user's own knowledge files."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from .base import Knowledge
from .entries import KnowledgeError
from .files import user_dir

# -- explaining and extending ---------------------------------------------------------------
def explain(kb: Knowledge, name: str, on: dt.date | None = None) -> list[dict[str, object]]:
    """Everything `name` can resolve to, and why: the library behind `knowledge lookup`."""
    found: list[dict[str, object]] = []
    person = kb.person(name)
    people = [person] if person else kb.by_surname(name)
    for p in people:
        role = p.role_on(on)
        found.append({
            "kind": "person", "name": p.name,
            "country": role.country if role else None, "sector": role.sector if role else None,
            "code": (role.code if role and role.code else
                     (role.country or "") + (role.sector or "") if role else None),
            "title": role.title if role else None,
            "why": (f"{'full name or alias' if person else 'surname'}; role "
                    f"{role.start or '…'}–{role.end or '…'} from {role.source}" if role else "no roles"),
            "roles": len(p.roles),
        })
    org = kb.organisation(name)
    if org:
        found.append({"kind": "organisation", "name": org.name, "country": org.country,
                      "sector": org.sector, "code": org.code, "title": None,
                      "why": f"organisation name or alias in {org.source}", "roles": 0})
    for what, country in (("country name", kb.country(name)), ("demonym", kb.demonym(name)),
                          ("capital", kb.capital(name)), ("seat of government", kb.seat(name))):
        if country:
            found.append({"kind": "country", "name": country.name, "country": country.iso3,
                          "sector": "GOV" if what == "seat of government" else None,
                          "code": country.iso3 + ("GOV" if what == "seat of government" else ""),
                          "title": None, "why": f"{what} in countries.yaml", "roles": 0})
    word = kb.title(name)
    if word:
        found.append({"kind": f"title ({word.kind})", "name": word.word, "country": word.country,
                      "sector": word.sector, "code": word.sector, "title": word.word,
                      "why": "title or sector word in titles.tsv", "roles": 0})
    region = kb.region(name)
    if region:
        found.append({"kind": "region", "name": region.name, "country": region.country,
                      "sector": None, "code": None, "title": None,
                      "why": "named region in regions.yaml", "roles": 0})
    return found


def add_user_file(path: Path) -> Path:
    """Check a user's knowledge file loads, then keep a copy where `Knowledge.load()` reads it."""
    path = Path(path)
    if not path.is_file():
        raise KnowledgeError(f"{path}: no such file")
    if path.suffix not in {".tsv", ".yaml", ".yml"}:
        raise KnowledgeError(f"{path}: knowledge files are .tsv or .yaml (see FORMAT.md)")
    probe = Knowledge()
    probe.add_file(path)
    if path not in probe.files:
        raise KnowledgeError(
            f"{path}: not a knowledge file: its header or name matches none of the formats in FORMAT.md"
        )
    target_dir = user_dir() / ("people" if "people" in path.parts[-2:-1] else "")
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / path.name
    target.write_bytes(path.read_bytes())
    return target
