"""Import PETRARCH/TABARI actor and agent dictionaries into tidings' knowledge format.

Actor dictionaries hold an entry name, its synonyms (`+NAME`) and its codes, each either
undated (`[RUSGOV]`) or dated: `[RUSGOV >080508]` (from), `[HOB <950601]` (until),
`[HOBGOV 19950601 - 19990815]` (between); dates are YYMMDD or YYYYMMDD. Agent
dictionaries hold role nouns with their plural forms in braces and a code whose `~`
marks a suffix (`[~GOV]`, a national government's) or a prefix (`[NGO~]`), with
`!MACRO! = A, B` substitutions. Names join words with `_`.

The import writes two files in the project's formats (FORMAT.md): a people file (one row
per code, with the full PETRARCH code kept in a `code` column) and a titles file.
A verbs dictionary (`--- VERB [CODE] ---` blocks) becomes event patterns and a codebook
for its non-CAMEO codes (`petrarch_verbs.py`).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from .petrarch_verbs import convert_verbs, looks_like_verbs

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_CODE = re.compile(r"\[([^\]]*)\]")
_MACRO = re.compile(r"^(![A-Z]+!)\s*=\s*(.+)$")
# first three letters of a code that are not a country
NON_STATE = {"IGO", "NGO", "NGM", "MNC", "IMG", "UNO", "UIS", "EEC"}


class PetrarchError(ValueError):
    pass


@dataclass
class Counts:
    names: int = 0
    synonyms: int = 0
    codes: int = 0
    dated_roles: int = 0
    agents: int = 0
    agent_forms: int = 0
    verbs: int = 0
    patterns: int = 0
    skipped: list[str] = field(default_factory=list)

    def __iadd__(self, other: "Counts") -> "Counts":
        for f in ("names", "synonyms", "codes", "dated_roles", "agents", "agent_forms", "verbs", "patterns"):
            setattr(self, f, getattr(self, f) + getattr(other, f))
        self.skipped += other.skipped
        return self


@dataclass
class ActorEntry:
    name: str
    synonyms: list[str] = field(default_factory=list)
    codes: list[tuple[str, dt.date | None, dt.date | None]] = field(default_factory=list)


@dataclass
class AgentEntry:
    forms: list[str]
    code: str


def _words(token: str) -> str:
    """PETRARCH's NAME_WITH_UNDERSCORES_ → 'Name With Underscores'."""
    text = token.strip().strip("_").replace("_", " ")
    text = re.sub(r"\s+", " ", text).strip()
    return " ".join(w.capitalize() if w.isalpha() and w.isupper() else w for w in text.split(" "))


def _date(value: str) -> dt.date:
    value = value.strip()
    if len(value) == 6:
        yy = int(value[:2])
        year = 1900 + yy if yy >= 30 else 2000 + yy
        return dt.date(year, int(value[2:4]), int(value[4:6]))
    if len(value) == 8:
        return dt.date(int(value[:4]), int(value[4:6]), int(value[6:8]))
    raise ValueError(f"date {value!r} is neither YYMMDD nor YYYYMMDD")


def parse_code(block: str) -> tuple[str, dt.date | None, dt.date | None]:
    """'RUSGOV >080508' → ('RUSGOV', 2008-05-08, None)."""
    block = block.strip()
    m = re.match(r"^(\S*?)\s*(?:([<>])\s*(\d{6,8})|(\d{6,8})\s*-\s*(\d{6,8}))?\s*$", block)
    if not m:
        raise ValueError(f"cannot read code block [{block}]")
    code, sign, when, start, end = m.groups()
    if sign == ">":
        return code, _date(when), None
    if sign == "<":
        return code, None, _date(when)
    if start:
        return code, _date(start), _date(end)
    return code, None, None


def read_actors(path: Path) -> tuple[list[ActorEntry], Counts]:
    text = _COMMENT.sub("", path.read_text(encoding="utf-8", errors="replace"))
    entries: list[ActorEntry] = []
    counts = Counts()
    current: ActorEntry | None = None
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        stripped = line.strip()
        if stripped.startswith("<"):
            continue  # markup, including malformed comments such as '<! -- ... -->'
        if stripped.startswith("+"):
            if current is None:
                counts.skipped.append(f"{path.name}:{lineno}: synonym before any entry")
                continue
            name = _words(_CODE.sub("", stripped[1:]))
            if name:
                current.synonyms.append(name)
                counts.synonyms += 1
            codes = _CODE.findall(stripped)
        elif line[0] in " \t" or stripped.startswith("["):
            codes = _CODE.findall(stripped)
        else:
            current = ActorEntry(_words(_CODE.sub("", stripped)))
            entries.append(current)
            counts.names += 1
            codes = _CODE.findall(stripped)
        for block in codes:
            if current is None:
                break
            try:
                code, start, end = parse_code(block)
            except ValueError as exc:  # keep the code, undated, and say so
                code, start, end = (block.split() or [""])[0], None, None
                counts.skipped.append(f"{path.name}:{lineno}: {exc}; kept {code} undated")
            if not code or not re.match(r"^[A-Za-z]", code):
                continue  # '---', '+++', '###': PETRARCH's "do not code" markers
            current.codes.append((code.upper(), start, end))
            counts.codes += 1
            if start or end:
                counts.dated_roles += 1
    return entries, counts


def read_agents(path: Path) -> tuple[list[AgentEntry], Counts]:
    text = _COMMENT.sub("", path.read_text(encoding="utf-8", errors="replace"))
    macros: dict[str, list[str]] = {}
    entries: list[AgentEntry] = []
    counts = Counts()
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        m = _MACRO.match(line)
        if m:
            macros[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        code_m = _CODE.search(line)
        if not code_m:
            counts.skipped.append(f"{path.name}:{lineno}: no [code]")
            continue
        code = code_m.group(1).strip()
        head = line[: code_m.start()]
        plurals = re.search(r"\{([^}]*)\}", head)
        word = re.sub(r"\{[^}]*\}", "", head).strip()
        forms = [word] + ([p.strip() for p in plurals.group(1).split(",")] if plurals else [])
        expanded: list[str] = []
        for form in filter(None, forms):
            expanded += _expand(form, macros)
        names = list(dict.fromkeys(_words(f).lower() for f in expanded if _words(f)))
        if not names:
            continue
        entries.append(AgentEntry(names, code))
        counts.agents += 1
        counts.agent_forms += len(names)
    return entries, counts


def _expand(form: str, macros: dict[str, list[str]]) -> list[str]:
    m = re.search(r"![A-Z]+!", form)
    if not m or m.group(0) not in macros:
        return [form]
    out = []
    for value in macros[m.group(0)]:
        out += _expand(form[: m.start()] + value + form[m.end():], macros)
    return out


def _split_code(code: str) -> tuple[str | None, str | None]:
    """'RUSGOV' → ('RUS', 'GOV'); 'IGOEEU' → (None, 'IGO'); 'USA' → ('USA', None)."""
    head, rest = code[:3], code[3:]
    if head in NON_STATE:
        return None, head if head != "UNO" else "IGO"
    return head, (rest[:3] or None)


def convert(paths: list[Path], out_dir: Path) -> tuple[Counts, list[Path]]:
    """Convert dictionaries (actors, agents or verbs, told apart by content) into `out_dir`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    total = Counts()
    written: list[Path] = []
    for path in paths:
        if not path.is_file():
            raise PetrarchError(f"{path}: no such file")
        raw = path.read_bytes()
        if b"\x00" in raw[:65536] or "[" not in raw[:65536].decode("utf-8", errors="replace"):
            raise PetrarchError(
                f"{path}: not a PETRARCH/TABARI dictionary (binary, or no [CODE] entries); nothing imported"
            )
        sample = raw.decode("utf-8", errors="replace")
        if looks_like_verbs(sample):
            verbs, patterns, files, notes = convert_verbs(path, out_dir, _known_codes())
            total += Counts(verbs=verbs, patterns=patterns, skipped=notes)
            written += files
            continue
        is_agents = "[~" in sample or "~]" in sample
        stem = re.sub(r"[^\w.-]+", "-", path.stem)
        if is_agents:
            agents, counts = read_agents(path)
            target = out_dir / f"titles-petrarch-{stem}.tsv"
            lines = ["# imported from PETRARCH agents dictionary " + path.name, "word\tsector\tkind\tcountry\tcode"]
            for a in agents:
                code = a.code.replace("~", "").strip()
                sector = code[:3] or None
                for form in a.forms:
                    lines.append(f"{form}\t{sector or ''}\tgroup\t\t{a.code.strip()}")
        else:
            actors, counts = read_actors(path)
            target = out_dir / "people" / f"petrarch-{stem}.tsv"
            target.parent.mkdir(exist_ok=True)
            lines = ["# imported from PETRARCH actors dictionary " + path.name,
                     "name\taliases\tcountry\tsector\ttitle\tstart\tend\tcode"]
            for e in actors:
                if not e.name or not e.codes:
                    continue
                aliases = "|".join(dict.fromkeys(s for s in e.synonyms if s.lower() != e.name.lower()))
                for code, start, end in e.codes:
                    country, sector = _split_code(code)
                    lines.append("\t".join([
                        _tsv(e.name), _tsv(aliases), country or "", sector or "", "",
                        start.isoformat() if start else "", end.isoformat() if end else "", code,
                    ]))
        target.write_text("\n".join(lines) + "\n", encoding="utf-8")
        written.append(target)
        total += counts
    return total, written


def _known_codes() -> dict[str, tuple[float, int, str, str]]:
    """The built-in CAMEO codebook: code → (goldstein, quad_class, plover, plover_mode)."""
    from . import Knowledge

    kb = Knowledge.load(user=False)
    return {c: (v.goldstein, v.quad_class, v.plover or "", v.plover_mode or "") for c, v in kb.cameo.items()}


def _tsv(value: str) -> str:
    return value.replace("\t", " ").replace("\n", " ")
