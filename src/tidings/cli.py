"""The `tidings` command: a thin layer over the library. Each command opens the store (or
the pipeline) and calls one library function; output options are shared."""
from __future__ import annotations

import csv
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Any, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import query as q
from .knowledge import KnowledgeError
from .record import Document, parse_date
from .store import Store, StoreError

app = typer.Typer(
    help="Read news reports and write down what happened: actors, places, times, quotes, events.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
# Piped output is read by people too: give tables room rather than 80 columns.
out = Console(highlight=False, soft_wrap=True, width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True, highlight=False, soft_wrap=True)


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


# -- shared options ----------------------------------------------------------------------
STORE = typer.Option(Path("tidings-store"), "--store", "-s", help="Store folder.", show_default=True)
FORMAT = typer.Option(Format.table, "--format", "-f", help="Output format.", case_sensitive=False)
SINCE = typer.Option(None, "--since", help="Only articles published on or after this date (YYYY-MM-DD).")
UNTIL = typer.Option(None, "--until", help="Only articles published on or before this date (YYYY-MM-DD).")
SOURCE = typer.Option(None, "--source", help="Only articles whose source contains this text.")
CONTAINS = typer.Option(None, "--contains", "-c", help="Only rows whose text contains this.")
LIMIT = typer.Option(
    None, "--limit", "-n", min=1,
    help="At most this many rows (default: 50 in a table; every row in json, csv and gdelt).")
TABLE_ROWS = 50  # a table is for reading; the other formats are for saving


def _row_limit(limit: Optional[int], fmt: Enum) -> Optional[int]:
    return limit if limit is not None else (TABLE_ROWS if fmt.value == "table" else None)
PUBLISHED = typer.Option(
    None, "--published", "-p",
    help="Publication date for inputs that carry none (YYYY-MM-DD); relative dates resolve against it.",
)


def fail(message: str, code: int = 2) -> None:
    err.print(f"[bold red]error:[/] {message}")
    raise typer.Exit(code)


def _check_date(value: Optional[str], option: str) -> Optional[str]:
    if value is None:
        return None
    try:
        parse_date(value)
    except ValueError:
        fail(f"{option} {value!r} is not a date: use YYYY-MM-DD, e.g. {option} 2018-10-23")
    return value


def _open_store(path: Path, create: bool = False) -> Store:
    try:
        return Store(path, create=create)
    except StoreError as exc:
        fail(str(exc))
        raise  # unreachable


def emit(rows: list[dict[str, Any]], fmt: Format, title: str = "") -> None:
    """Rows as a table, JSON lines or CSV on stdout."""
    if fmt is Format.json:
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
        return
    if fmt is Format.csv:
        if rows:
            writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            for row in rows:
                writer.writerow({k: _cell(v) for k, v in row.items()})
        return
    if not rows:
        out.print(f"[dim]no {title or 'rows'} match[/]")
        return
    table = Table(title=title or None, show_lines=False)
    for column in rows[0]:
        table.add_column(column, overflow="fold", max_width=60)
    for row in rows:
        table.add_row(*(_cell(v) for v in row.values()))
    out.print(table)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(map(str, value))
    return str(value)


# -- processing --------------------------------------------------------------------------
@app.command()
def process(
    inputs: list[str] = typer.Argument(..., help="Files, folders, or - for stdin."),
    published: Optional[str] = PUBLISHED,
    as_json: bool = typer.Option(False, "--json", help="One JSON record per line (schema 1)."),
) -> None:
    """Process inputs and print their records, without storing them.

    Example: [bold]tidings process samples/bolton-moscow.txt --published 2018-10-23 --json[/]
    """
    from .ingest import read
    from .pipeline import Pipeline

    _check_date(published, "--published")
    pipeline = Pipeline()
    processed = 0
    for doc in pipeline.pipe(read(inputs, published=published, stdin=sys.stdin)):
        if doc.text:
            processed += 1
        if as_json:
            sys.stdout.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
        else:
            print_document(doc)
        for message in doc.errors:
            err.print(f"[yellow]warning:[/] {message}")
    if processed == 0:
        fail("nothing could be processed (see the messages above)", code=1)


@app.command("run")
def run_command(
    inputs: list[str] = typer.Argument(..., help="Files, folders, or - for stdin."),
    store: Path = STORE,
    workers: int = typer.Option(1, "--workers", "-w", min=0, help="Processes to use (0 = all cores)."),
    published: Optional[str] = PUBLISHED,
    batch_size: int = typer.Option(32, "--batch-size", min=1, help="Articles per parse batch and stored shard."),
) -> None:
    """Read inputs, process them and store the records, with progress and a summary.

    Example: [bold]tidings run news/ --store ./tidings-store --workers 2[/]
    """
    from .pipeline import Pipeline
    from .run import run

    from .pipeline import cpu_count

    _check_date(published, "--published")
    workers = workers or cpu_count()
    st = _open_store(store, create=True)
    pipeline = Pipeline() if workers == 1 else None  # workers load their own
    with Progress(
        SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(),
        TextColumn("{task.completed} articles"), TimeElapsedColumn(),
        console=err, transient=True, disable=not err.is_terminal,
    ) as progress:
        task = progress.add_task("processing", total=None)
        try:
            summary = run(
                inputs, st, pipeline=pipeline, published=published, workers=workers,
                batch_size=batch_size, stdin=sys.stdin,
                on_document=lambda doc: progress.advance(task),
            )
        except StoreError as exc:
            fail(str(exc))
            return
        finally:
            st.close()
    for message in summary.error_messages[:20]:
        err.print(f"[yellow]error record:[/] {message}")
    if len(summary.error_messages) > 20:
        err.print(f"[yellow]… and {len(summary.error_messages) - 20} more (see the errors table)[/]")
    s = summary.as_dict()
    out.print(
        f"read {s['read']}, stored {s['stored']}, duplicates {s['duplicates']}, errors {s['errors']}; "
        f"entities {s['entities']}, quotes {s['quotes']}, events {s['events']} → {store}"
    )
    if summary.stored == 0 and summary.duplicates == 0:
        fail("nothing could be processed (see the messages above)", code=1)


# -- store queries -------------------------------------------------------------------------
def _query(fn, fmt: Format, title: str, **kwargs) -> None:
    try:
        rows = fn(**kwargs)
    except q.QueryError as exc:
        fail(str(exc))
        return
    emit(rows, fmt, title)


@app.command()
def articles(
    store: Path = STORE, since: Optional[str] = SINCE, until: Optional[str] = UNTIL,
    source: Optional[str] = SOURCE, contains: Optional[str] = CONTAINS, limit: Optional[int] = LIMIT,
    fmt: Format = FORMAT,
) -> None:
    """List stored articles.

    Example: [bold]tidings articles --since 2018-10-01 --contains Bolton --format json[/]
    """
    _query(q.articles, fmt, "articles", store=_open_store(store), since=since, until=until,
           source=source, contains=contains, limit=_row_limit(limit, fmt))


@app.command()
def entities(
    store: Path = STORE, since: Optional[str] = SINCE, until: Optional[str] = UNTIL,
    source: Optional[str] = SOURCE, contains: Optional[str] = CONTAINS,
    type: Optional[str] = typer.Option(None, "--type", "-t", help="PERSON, ORG, GPE, NORP, ..."),
    limit: Optional[int] = LIMIT, fmt: Format = FORMAT,
) -> None:
    """Count named entities in the store.

    Example: [bold]tidings entities --type PERSON --since 2018-10-01[/]
    """
    _query(q.entities, fmt, "entities", store=_open_store(store), since=since, until=until,
           source=source, contains=contains, type=type, limit=_row_limit(limit, fmt))


@app.command()
def quotes(
    store: Path = STORE,
    speaker: Optional[str] = typer.Option(None, "--speaker", help="Speaker name (or the words written) contains this."),
    contains: Optional[str] = CONTAINS,
    kind: Optional[str] = typer.Option(None, "--kind", help="direct, indirect or mixed."),
    since: Optional[str] = SINCE, until: Optional[str] = UNTIL, source: Optional[str] = SOURCE,
    limit: Optional[int] = LIMIT, fmt: Format = FORMAT,
) -> None:
    """List quotations and who said them.

    Example: [bold]tidings quotes --speaker Ushakov --kind direct[/]
    """
    _query(q.quotes, fmt, "quotes", store=_open_store(store), speaker=speaker, contains=contains,
           kind=kind, since=since, until=until, source=source, limit=_row_limit(limit, fmt))


class EventFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    gdelt = "gdelt"


@app.command()
def events(
    store: Path = STORE,
    actor: Optional[str] = typer.Option(None, "--actor", help="Source or target name contains this."),
    country: Optional[str] = typer.Option(None, "--country", help="Source or target country (ISO alpha-3)."),
    dyad: Optional[str] = typer.Option(None, "--dyad", help="SOURCE-TARGET countries, e.g. USA-RUS."),
    code: Optional[str] = typer.Option(None, "--code", help="CAMEO code or prefix, e.g. 036 or 04."),
    root: Optional[str] = typer.Option(None, "--root", help="CAMEO root, 01 to 20."),
    plover: Optional[str] = typer.Option(None, "--plover", help="PLOVER type, e.g. CONSULT."),
    quad: Optional[int] = typer.Option(None, "--quad", help="QuadClass 1-4."),
    modality: Optional[str] = typer.Option(None, "--modality", help="asserted, planned, threatened, demanded, denied, hypothetical."),
    since: Optional[str] = SINCE, until: Optional[str] = UNTIL,
    place: Optional[str] = typer.Option(None, "--place", help="Place name contains this (or its country code)."),
    source: Optional[str] = SOURCE, contains: Optional[str] = CONTAINS, limit: Optional[int] = LIMIT,
    fmt: EventFormat = typer.Option(EventFormat.table, "--format", "-f", case_sensitive=False,
                                    help="table, json, csv, or gdelt (GDELT 2.0 event rows, 61 columns)."),
) -> None:
    """List coded events (CAMEO, PLOVER, modality, date, place).

    Example: [bold]tidings events --dyad USA-RUS --root 04 --format gdelt > usa-rus.tsv[/]
    """
    from .export import GDELT_SELECT, gdelt_lines

    st = _open_store(store)
    try:
        rows = q.events(st, actor=actor, country=country, dyad=dyad, code=code, root=root,
                        plover=plover, quad=quad, modality=modality, since=since, until=until,
                        place=place, source=source, contains=contains, limit=_row_limit(limit, fmt),
                        columns=GDELT_SELECT if fmt is EventFormat.gdelt else None)
    except q.QueryError as exc:
        fail(str(exc))
        return
    if fmt is EventFormat.gdelt:
        for line in gdelt_lines(rows):
            sys.stdout.write(line + "\n")
        return
    emit(rows, Format(fmt.value), "events")


@app.command()
def show(
    doc_id: Optional[str] = typer.Argument(None, help="Article id or id prefix (default: the latest stored)."),
    store: Path = STORE,
    as_json: bool = typer.Option(False, "--json", help="The full record as JSON."),
) -> None:
    """Show what was found in one stored article.

    Example: [bold]tidings show 3f2a --store ./tidings-store[/]
    """
    st = _open_store(store)
    if doc_id is None:
        rows = st.query("SELECT id FROM articles ORDER BY stored_at DESC, id LIMIT 1")
        if not rows:
            fail(f"the store {store} holds no articles yet: run `tidings run FILE --store {store}`")
        doc_id = rows[0]["id"]
    doc = st.document(doc_id)
    if doc is None:
        fail(f"no single article with id {doc_id!r} in {store}: list them with `tidings articles`")
    assert doc is not None
    if as_json:
        sys.stdout.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
    else:
        print_document(doc)


def print_document(doc: Document) -> None:
    """A readable summary of one record."""
    c = doc.cleaning
    out.rule(f"[bold]{doc.title or doc.origin or doc.id[:12]}")
    out.print(
        f"id {doc.id[:12]}  published {doc.published or '—'}  source {doc.source or '—'}  "
        f"{c.chars_out:,} of {c.chars_in:,} characters kept"
        + (f", {c.repeated_blocks_removed} repeated block(s) and {len(c.furniture_removed)} furniture line(s) removed"
           if c.repeated_blocks_removed or c.furniture_removed else "")
    )
    if doc.errors:
        for e in doc.errors:
            out.print(f"[yellow]error:[/] {e}")
    if doc.actors:
        t = Table(title="actors", title_justify="left")
        for col in ("name", "kind", "country", "sector", "code", "title", "mentions"):
            t.add_column(col)
        for a in doc.actors:
            t.add_row(a.name, a.kind, a.country or "", a.sector or "", a.code or "", a.title or "", str(len(a.mentions)))
        out.print(t)
    if doc.places:
        out.print("[bold]places[/] " + "; ".join(
            f"{p.name} ({p.country or '?'}{f', {p.lat:.2f},{p.lon:.2f}' if p.lat is not None else ''})" for p in doc.places))
    if doc.times:
        out.print("[bold]times[/] " + "; ".join(f"{t.text!r} → {t.value or '?'}" for t in doc.times))
    if doc.quotes:
        t = Table(title="quotes", title_justify="left")
        for col in ("speaker", "kind", "cue", "text"):
            t.add_column(col, overflow="fold")
        for qu in doc.quotes:
            speaker = doc.actor(qu.speaker)
            t.add_row(speaker.name if speaker else (qu.speaker_text or "?"), qu.kind, qu.cue or "", qu.text)
        out.print(t)
    if doc.events:
        t = Table(title="events", title_justify="left")
        for col in ("cameo", "plover", "source", "target", "modality", "date", "place", "trigger"):
            t.add_column(col, overflow="fold")
        places = {p.id: p for p in doc.places}
        for ev in doc.events:
            names = lambda ids: ", ".join((doc.actor(i).name if doc.actor(i) else i) for i in ids)  # noqa: E731
            place = places.get(ev.place or "")
            t.add_row(ev.cameo, ev.plover or "", names(ev.source), names(ev.target), ev.modality,
                      ev.date or "", place.name if place else "", ev.trigger)
        out.print(t)


# -- knowledge -------------------------------------------------------------------------------
knowledge_app = typer.Typer(help="Inspect and extend what tidings knows about the world.", no_args_is_help=True)
app.add_typer(knowledge_app, name="knowledge")


@knowledge_app.command("lookup")
def knowledge_lookup(
    name: str = typer.Argument(..., help="A name as written: 'Putin', 'the Kremlin', 'Russian'."),
    date: Optional[str] = typer.Option(None, "--date", "-d", help="Resolve as of this date (YYYY-MM-DD)."),
    fmt: Format = FORMAT,
) -> None:
    """Show what a name resolves to, and why.

    Example: [bold]tidings knowledge lookup "John Bolton" --date 2005-09-01[/]
    """
    from .knowledge import Knowledge, explain

    _check_date(date, "--date")
    rows = explain(Knowledge.load(), name, parse_date(date))
    if not rows and fmt is Format.table:
        out.print(f"[dim]{name!r} is not in the knowledge base; add it with `tidings knowledge add FILE`[/]")
        return
    emit(rows, fmt, f"{name}" + (f" on {date}" if date else ""))


@knowledge_app.command("import-petrarch")
def knowledge_import_petrarch(
    files: list[Path] = typer.Argument(..., help="PETRARCH/TABARI actor, agent or verb dictionaries."),
    into: Optional[Path] = typer.Option(None, "--into", help="Write the converted files here (default: your knowledge folder, used by every run)."),
) -> None:
    """Convert PETRARCH/TABARI dictionaries into tidings' knowledge format.

    Example: [bold]tidings knowledge import-petrarch Phoenix.Countries.actors.txt Phoenix.agents.txt[/]
    """
    from .knowledge import user_dir
    from .knowledge.petrarch import PetrarchError, convert

    target = into or (user_dir() / "petrarch")
    try:
        counts, written = convert(list(files), target)
    except PetrarchError as exc:
        fail(str(exc))
        return
    except OSError as exc:
        fail(f"cannot write the converted files to {target}: {exc.strerror or exc}; choose another --into")
        return
    out.print(
        f"imported {counts.names} names, {counts.synonyms} synonyms, {counts.codes} codes "
        f"({counts.dated_roles} dated roles), {counts.agents} agents ({counts.agent_forms} forms), "
        f"{counts.verbs} verbs ({counts.patterns} patterns)"
    )
    for path in written:
        out.print(f"  wrote {path}")
    for message in counts.skipped:
        err.print(f"[yellow]note:[/] {message}")


@knowledge_app.command("add")
def knowledge_add(file: Path = typer.Argument(..., help="A knowledge file in tidings' format (FORMAT.md).")) -> None:
    """Layer your own knowledge file over the built-in ones (later files win).

    Example: [bold]tidings knowledge add my-people.tsv[/]
    """
    from .knowledge import add_user_file

    try:
        target = add_user_file(file)
    except KnowledgeError as exc:
        fail(str(exc))
        return
    out.print(f"added {file} → {target}")


@knowledge_app.command("stats")
def knowledge_stats(fmt: Format = FORMAT) -> None:
    """Count what the knowledge base holds.

    Example: [bold]tidings knowledge stats[/]
    """
    from .knowledge import Knowledge

    kb = Knowledge.load()
    emit([{"what": k, "count": v} for k, v in kb.counts().items()], fmt, "knowledge")


def main() -> None:  # pragma: no cover
    try:
        app()
    except KnowledgeError as exc:  # a broken user knowledge file, found while loading
        err.print(f"[bold red]error:[/] {exc}")
        sys.exit(2)


if __name__ == "__main__":  # pragma: no cover
    main()
