"""Import a PETRARCH/TABARI verb dictionary into tidings' event-pattern language.

The verbs format (PETRARCH 1 / TABARI):

    &SYNSET             a synset: its members follow, one `+WORD` a line (`+&OTHER` nests
    +MEMBER             a synset; a member gets a plural unless it or the synset name ends
                        in `_`; words of a member are consecutive)
    --- VERB [CODE] --- a verb block: its default code, `[---]` for none
    VERB {FORM FORM}    the verbs of the block, one a line, each with its own code if given;
    +WORD_PART          without braces the regular forms are made (-S, -ED/-D, -ING); a
                        multi-word verb marks its inflected word with `+` (`WIRE_+TAP`)
    - WORDS * WORDS [CODE]  a pattern: `*` is the verb; words before it must come before
                        the verb, words after it inside the verb's phrase, in order; words
                        joined by `_` are consecutive, a space allows a gap; `$` is the
                        source, `+` the target, `^` skips a noun phrase (read as a gap),
                        `%` a compound actor, `&NAME` a synset; `[---]`, `[+++]`, `[###]`: do not code
    # comment, <!-- block comment -->

Every block becomes patterns on word-form triggers (`@left`) in tidings' language
(`knowledge/data/events/README.md`), flagged `literal` (PETRARCH's code as written),
plus a codebook file for the codes CAMEO 1.1b3 lacks (`cameo-petrarch-*.tsv`, whose
root, PLOVER, QuadClass and Goldstein come from the nearest known ancestor code).
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path

_COMMENT_BLOCK = re.compile(r"<!--.*?-->", re.S)
_HEADER = re.compile(r"^---\s*(.*?)\s*(?:---)?\s*$")  # a comment may eat the closing ---
_CODE = re.compile(r"\[([^\]]*)\]")
NOT_CODED = {"---", "+++", "###", ""}
_MAX_ALTERNATIVES = 200  # a pattern whose synsets expand further is skipped, and reported


@dataclass
class VerbForm:
    """One verb of a block: the inflected word's forms, the words tied before/after it."""

    forms: list[str]
    before: list[str] = field(default_factory=list)
    after: list[str] = field(default_factory=list)
    code: str | None = None


@dataclass
class VerbPattern:
    upper: str  # the pattern text before `*`
    lower: str  # the pattern text after `*`
    code: str
    line: int


@dataclass
class VerbBlock:
    name: str
    code: str
    line: int
    verbs: list[VerbForm] = field(default_factory=list)
    patterns: list[VerbPattern] = field(default_factory=list)


@dataclass
class VerbDictionary:
    synsets: dict[str, list[str]] = field(default_factory=dict)
    blocks: list[VerbBlock] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def looks_like_verbs(text: str) -> bool:
    """A verbs dictionary has `--- VERB [CODE] ---` block headers."""
    return re.search(r"^---\s+\S.*\[[^\]]*\].*---\s*$", text, re.M) is not None


# -- reading ------------------------------------------------------------------------
def _plural(word: str) -> str:
    if word.endswith("Y"):
        return word[:-1] + "IES"
    if word.endswith("S"):
        return word[:-1] + "ES"
    return word + "S"


def regular_forms(verb: str) -> list[str]:
    """PETRARCH's regular forms: VERB, VERBS, VERBED/VERBD, VERBING (E dropped)."""
    if verb.endswith("E"):
        return [verb, verb + "S", verb + "D", verb[:-1] + "ING"]
    return [verb, verb + "S", verb + "ED", verb + "ING"]


def _clean(raw: str) -> str:
    """The line without its `# comment` (a `[###]` code is not a comment)."""
    return re.sub(r"(?<![\[#])#(?![#\]]).*$", "", raw).rstrip()


def read_verbs(path: Path) -> VerbDictionary:
    text = _COMMENT_BLOCK.sub(lambda m: "\n" * m.group(0).count("\n"),
                              path.read_text(encoding="utf-8", errors="replace"))
    lines = text.splitlines()
    book = VerbDictionary()
    block: VerbBlock | None = None
    i = 0
    while i < len(lines):
        number, line = i + 1, _clean(lines[i]).strip()
        i += 1
        if not line:
            continue
        if line.startswith("&"):
            name = line.split()[0]
            members: list[str] = []
            while i < len(lines) and _clean(lines[i]).strip().startswith("+"):
                members.append(_clean(lines[i]).strip()[1:].strip())
                i += 1
            book.synsets[name.rstrip("_")] = _synset_members(name, members)
            block = None
            continue
        header = _HEADER.match(line)
        if header:
            codes = _CODE.findall(header.group(1))
            name = _CODE.sub("", header.group(1)).strip()
            block = VerbBlock(name=name, code=(codes[0].strip() if codes else "---"), line=number)
            book.blocks.append(block)
            continue
        if block is None:
            book.skipped.append(f"{path.name}:{number}: outside any verb block: {line!r}")
            continue
        if line.startswith("-"):
            pattern = _read_pattern(line, number)
            if pattern is None:
                book.skipped.append(f"{path.name}:{number}: unreadable pattern {line!r}")
            else:
                block.patterns.append(pattern)
            continue
        verb = _read_verb(line)
        if verb is None:
            book.skipped.append(f"{path.name}:{number}: unreadable verb {line!r}")
        else:
            block.verbs.append(verb)
    return book


def _synset_members(name: str, members: list[str]) -> list[str]:
    """Members as space-separated phrases, with plurals unless marked `_` at the end."""
    no_plural = name.endswith("_")
    out: list[str] = []
    for member in members:
        if member.startswith("&"):
            out.append(member.rstrip("_"))  # a nested synset, expanded when used
            continue
        phrase = member.replace("_", " ").strip()
        out.append(phrase)
        if not (no_plural or member.endswith("_")):
            out.append(_plural(phrase))
    return out


def _read_pattern(line: str, number: int) -> VerbPattern | None:
    codes = list(_CODE.finditer(line))
    if not codes or "*" not in line or "{" in line:
        return None
    code = codes[-1].group(1).strip()
    body = line[1:codes[-1].start()].replace("_ ", " ")
    upper, _, lower = body.partition("*")
    return VerbPattern(upper=upper.strip(), lower=lower.rstrip(), code=code, line=number)


def _read_verb(line: str) -> VerbForm | None:
    codes = _CODE.findall(line)
    code = codes[0].strip() if codes else None
    head = _CODE.sub("", line).strip()
    braces = re.search(r"\{([^}]*)\}", head)
    main = re.sub(r"\{[^}]*\}", "", head).strip()
    if not main:
        return None
    phrases = [main] + (braces.group(1).split() if braces else [])
    words = re.split(r"[_ ]", main.strip("_"))
    if len(words) == 1 and not braces:
        return VerbForm(forms=regular_forms(words[0].lstrip("+")), code=code)
    verb = VerbForm(forms=[], code=code)
    for phrase in phrases:
        parts = [w for w in re.split(r"[_ ]", phrase) if w]
        at = next((k for k, w in enumerate(parts) if w.startswith("+")), 0)
        verb.forms.append(parts[at].lstrip("+"))
        verb.before, verb.after = parts[:at], parts[at + 1:]
    verb.forms = list(dict.fromkeys(verb.forms))
    return verb


# -- writing ------------------------------------------------------------------------
def _expand(item: str, synsets: dict[str, list[str]], depth: int = 0) -> list[list[str]]:
    """A word or `&SYNSET` as its alternatives, each a list of consecutive words."""
    if not item.startswith("&"):
        return [[item]]
    if depth > 4 or item not in synsets:
        return [[item]]  # an unknown synset matches its own name only (as PETRARCH would)
    out: list[list[str]] = []
    for member in synsets[item]:
        if member.startswith("&"):
            out += _expand(member, synsets, depth + 1)
        else:
            out.append(member.split())
    return out


def _groups(text: str) -> list[tuple[str, list[str]]]:
    """'NEW_&TIE_RELATIONS FROM $' → [(' ', [NEW, &TIE, RELATIONS]), (' ', [FROM]), (' ', [$])]:
    each group's words are consecutive; the connector says how it joins what precedes."""
    groups: list[tuple[str, list[str]]] = []
    connector = " "
    if text.startswith("_"):
        connector, text = "_", text[1:]
    for chunk in text.split():
        parts = [p for p in chunk.split("_")]
        tied_after = chunk.endswith("_") and len(chunk) > 1
        words = [p for p in parts if p]
        if words:
            groups.append((connector, words + (["_"] if tied_after else [])))
        connector = " "
    return groups


# `%` is a compound actor (a coordination) at that place: before the verb, the source
# whose members act on one another; after it, a compound target
_SLOTS = {"$": "SOURCE", "+": "TARGET", "%": "COMPOUND"}


def _elements(text: str, side: str, synsets: dict[str, list[str]]) -> list[str] | None:
    """Pattern text on one side of `*` as `>`/`<` elements; None if it expands too far."""
    out: list[str] = []
    groups = _groups(text)
    for k, (connector, words) in enumerate(groups):
        tied_to_verb = (side == ">" and k == 0 and connector == "_") or (
            side == "<" and k == len(groups) - 1 and words[-1] == "_")
        words = [w for w in words if w != "_"]
        run: list[list[list[str]]] = []
        for word in words:
            if word in _SLOTS or word == "^":
                if run:
                    out.append(_element(side, run, False))
                    run = []
                if word in _SLOTS:
                    out.append(side + _SLOTS[word])
                continue
            run.append(_expand(word, synsets))
        if run:
            if _count(run) > _MAX_ALTERNATIVES:
                return None
            out.append(_element(side, run, tied_to_verb))
    return out


def _count(run: list[list[list[str]]]) -> int:
    total = 1
    for alternatives in run:
        total *= len(alternatives)
    return total


def _element(side: str, run: list[list[list[str]]], tied: bool) -> str:
    alternatives = ["_".join(w.lower() for w in itertools.chain.from_iterable(combo))
                    for combo in itertools.product(*run)]
    body = "|".join(dict.fromkeys(alternatives))
    if tied:
        body = "_" + body if side == ">" else body + "_"
    return side + body


def _code(code: str) -> str:
    return "---" if code.strip() in NOT_CODED else code.strip()


def pattern_lines(book: VerbDictionary, source: str) -> tuple[list[str], int, int, list[str]]:
    """The pattern file's lines, the counts of verbs and patterns written, and notes."""
    lines = [
        f"# imported from PETRARCH verbs dictionary {source} (tidings.knowledge.petrarch_verbs)",
        "# Triggers are word forms (@form); codes are PETRARCH's own, kept as written (literal).",
        "# Among equally specific patterns a later line wins, so each block is written in",
        "# reverse: PETRARCH tries a block's patterns in the order listed.",
    ]
    verbs = patterns = 0
    notes: list[str] = []
    for block in book.blocks:
        if not block.verbs:
            continue
        lines.append(f"\n# --- {block.name} [{block.code}] ---  ({source}:{block.line})")
        for verb in block.verbs:
            trigger = "@" + "|".join(f.lower() for f in verb.forms)
            # a multi-word verb's other words are tied to it: `<wire_` (WIRE_+TAP), `>_down`
            tie_before = [f"<{'_'.join(w.lower() for w in verb.before)}_"] if verb.before else []
            tie_after = [f">_{'_'.join(w.lower() for w in verb.after)}"] if verb.after else []
            default = _code(verb.code or block.code)
            lines.append(" ".join([trigger, *tie_before, *tie_after, "->", default, "literal"]))
            verbs += 1
            for pattern in reversed(block.patterns):
                upper = _elements(pattern.upper, "<", book.synsets)
                lower = _elements(pattern.lower, ">", book.synsets)
                if upper is None or lower is None:
                    notes.append(f"{source}:{pattern.line}: synsets expand too far; skipped")
                    continue
                if not upper and not lower:
                    continue
                lines.append(" ".join([trigger, *upper, *tie_before, *tie_after, *lower, "->", _code(pattern.code),
                                       "literal", f"# {source}:{pattern.line}"]))
                patterns += 1
    return lines, verbs, patterns, notes


def codes_used(book: VerbDictionary) -> list[str]:
    codes = [b.code for b in book.blocks] + [v.code for b in book.blocks for v in b.verbs if v.code]
    codes += [p.code for b in book.blocks for p in b.patterns]
    out: list[str] = []
    for code in codes:
        for part in _code(code).split(":"):
            if part != "---" and part not in out:
                out.append(part)
    return out


def codebook_lines(codes: list[str], known: dict[str, tuple[float, int, str, str]], source: str) -> list[str]:
    """Rows for codes CAMEO lacks: QuadClass, Goldstein, PLOVER of the nearest known
    ancestor ('1717' → '171'; '075A' → '075'), none where no ancestor is known."""
    lines = [
        f"# codes used by PETRARCH verbs dictionary {source} that CAMEO 1.1b3 lacks;",
        "# goldstein, quad_class and plover come from the nearest known ancestor code",
        "# (0 / 0 / empty where none is known).",
        "code\tname\tgoldstein\tquad_class\tplover\tplover_mode",
    ]
    for code in codes:
        if code in known:
            continue
        ancestor = next((code[:n] for n in range(len(code) - 1, 1, -1) if code[:n] in known), None)
        goldstein, quad, plover, mode = known.get(ancestor, (0.0, 0, "", "")) if ancestor else (0.0, 0, "", "")
        note = f"PETRARCH code {code}" + (f" (as {ancestor})" if ancestor else "")
        lines.append(f"{code}\t{note}\t{goldstein}\t{quad}\t{plover or ''}\t{mode or ''}")
    return lines


def convert_verbs(path: Path, out_dir: Path, known: dict[str, tuple[float, int, str, str]]
                  ) -> tuple[int, int, list[Path], list[str]]:
    """Write `events/petrarch-<stem>.txt` and `cameo-petrarch-<stem>.tsv` under `out_dir`:
    returns (verbs, patterns, files written, notes)."""
    book = read_verbs(path)
    stem = re.sub(r"[^\w.-]+", "-", path.stem)
    lines, verbs, patterns, notes = pattern_lines(book, path.name)
    events = out_dir / "events" / f"petrarch-{stem}.txt"
    events.parent.mkdir(parents=True, exist_ok=True)
    events.write_text("\n".join(lines) + "\n", encoding="utf-8")
    codebook = out_dir / f"cameo-petrarch-{stem}.tsv"
    codebook.write_text("\n".join(codebook_lines(codes_used(book), known, path.name)) + "\n",
                        encoding="utf-8")
    return verbs, patterns, [events, codebook], book.skipped + notes
