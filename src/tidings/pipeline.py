"""Pipeline: composes the stages, in order. `process()` is its shortcut for one text.

    Article ─► clean ─► nlp.pipe ─► times, places ─► actors (+ coreference)
            ─► quotes ─► events ─► Document

Each stage is a small object built once from the knowledge base and called per parsed
document with the outputs of the stages before it; none reaches into another.
"""
from __future__ import annotations

import itertools
import multiprocessing
import os
from collections.abc import Container, Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from . import clean, nlp
from .ingest import html
from .extract.events import EventCoder
from .extract.quotes import QuoteExtractor
from .knowledge import Knowledge
from .record import ActorMentions, Article, Document, parse_date
from .resolve.actors import ActorResolver
from .resolve.coref import Coreference
from .resolve.places import PlaceResolver
from .resolve.times import TimeResolver

ArticleLike = Article | dict[str, Any] | str


class Pipeline:
    """Reads articles into document records.

    >>> pipeline = Pipeline()
    >>> for doc in pipeline.pipe([{"text": "...", "published": "2018-10-23"}]):
    ...     print(doc.to_dict()["actors"])
    """

    def __init__(self, knowledge: Knowledge | None = None, model: str | None = None):
        self.knowledge = knowledge or Knowledge.load()
        self.model_name = model
        self.nlp: Language = nlp.load(model)
        self.times = TimeResolver(self.knowledge)
        self.places = PlaceResolver(self.knowledge)
        self.actors = ActorResolver(self.knowledge)
        self.coref = Coreference(self.knowledge)
        self.quotes = QuoteExtractor(self.knowledge)
        self.events = EventCoder(self.knowledge)

    # -- public -------------------------------------------------------------------
    def __call__(self, article: ArticleLike) -> Document:
        return next(self.pipe([article]))

    def pipe(
        self,
        articles: Iterable[ArticleLike],
        batch_size: int = 32,
        workers: int = 1,
        skip: Container[str] = (),
    ) -> Iterator[Document]:
        """Documents for `articles`, in input order. `workers > 1` spreads batches over
        processes, each loading its own pipeline once. Articles whose record id is in
        `skip` (already stored) are cleaned but not analysed again."""
        if workers > 1:
            yield from pipe_parallel(articles, model=self.model_name, knowledge=self.knowledge.extra_paths,
                                     batch_size=batch_size, workers=workers, skip=skip)
            return
        batch: list[ArticleLike] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= batch_size:
                yield from self._run_batch(batch, batch_size, skip)
                batch = []
        if batch:
            yield from self._run_batch(batch, batch_size, skip)

    # -- stages -------------------------------------------------------------------
    def _prepare(self, value: ArticleLike) -> Document:
        """Input → cleaned Document with its metadata; parsing comes later, in batches."""
        try:
            article = Article.from_value(value)
        except TypeError as exc:
            return Document(text="", errors=[f"<input>: {exc}"], origin="<input>")
        if not article.text and article.html:  # a page handed in directly, not through a reader
            page = html.extract(article.html, article.origin or article.url or "<html>",
                                url=article.url, published=article.published)
            article = Article(
                text=page.text, title=article.title or page.title, url=page.url,
                source=article.source or page.source, published=page.published,
                origin=article.origin, errors=[*article.errors, *page.errors],
            )
        errors = list(article.errors)
        name = article.origin or article.url or "<text>"
        published = None
        try:
            date = parse_date(article.published)
            published = date.isoformat() if date else None
        except ValueError as exc:
            errors.append(f"{name}: bad publication date: {exc}")
        raw = article.text or ""
        cleaned = clean.clean(raw)
        if not cleaned.text.strip() and not errors:
            errors.append(f"{name}: no article text found" if raw.strip() else f"{name}: empty input")
        if len(cleaned.text) > nlp.MAX_CHARS:
            errors.append(
                f"{name}: text of {len(cleaned.text):,} characters was analysed only up to "
                f"{nlp.MAX_CHARS:,}"
            )
        return Document(
            text=cleaned.text,
            title=_clean_meta(article.title),
            url=article.url,
            source=article.source,
            published=published,
            cleaning=cleaned.report,
            errors=errors,
            origin=article.origin,
        )

    def _run_batch(
        self, batch: list[ArticleLike], batch_size: int, skip: Container[str] = ()
    ) -> Iterator[Document]:
        docs = [self._prepare(value) for value in batch]
        todo = [i for i, d in enumerate(docs) if d.text.strip() and d.id not in skip]
        parses = nlp.parse(self.nlp, (docs[i].text for i in todo), batch_size=batch_size)
        parsed = dict(zip(todo, parses))
        for i, document in enumerate(docs):
            sdoc = parsed.get(i)
            if sdoc is not None:
                try:
                    self._annotate(document, sdoc)
                except Exception as exc:  # a bug on one article must not stop a million-article run
                    name = document.origin or document.url or document.id[:12]
                    document.errors.append(f"{name}: analysis failed: {type(exc).__name__}: {exc}")
            yield document

    def _annotate(self, document: Document, sdoc: Doc) -> None:
        published = parse_date(document.published)
        document.times = self.times(sdoc, published)
        document.places = self.places(sdoc)
        document.entities, document.actors, names = self.actors(sdoc, published, document.places)
        resolved = self.coref(sdoc, document.entities, document.actors)
        mentions = ActorMentions([*names, *resolved])
        document.quotes = self.quotes(sdoc, mentions, document.actors)
        document.events = self.events(
            sdoc,
            mentions=mentions,
            actors=document.actors,
            times=document.times,
            places=document.places,
            quotes=document.quotes,
            published=published,
        )


def _clean_meta(value: str | None) -> str | None:
    if value is None:
        return None
    value = clean.normalise(value).strip()
    return value or None


# -- parallel ------------------------------------------------------------------------
_worker_pipeline: Pipeline | None = None
_worker_skip: Container[str] = ()


def _init_worker(model: str | None, extra_knowledge: tuple[str, ...], skip: Container[str]) -> None:
    global _worker_pipeline, _worker_skip  # one loaded pipeline per worker process
    _worker_pipeline = Pipeline(Knowledge.load(extra_knowledge), model=model)
    _worker_skip = skip


def _work(chunk: list[ArticleLike]) -> list[dict[str, Any]]:
    assert _worker_pipeline is not None
    return [
        {**d.to_dict(), "_origin": d.origin}
        for d in _worker_pipeline.pipe(chunk, batch_size=len(chunk), skip=_worker_skip)
    ]


def pipe_parallel(
    articles: Iterable[ArticleLike],
    *,
    model: str | None = None,
    knowledge: tuple[str, ...] = (),
    batch_size: int = 32,
    workers: int = 2,
    skip: Container[str] = (),
) -> Iterator[Document]:
    """`Pipeline.pipe` over `workers` processes, in input order. The calling process loads
    no model: each worker loads its own pipeline (with the built-in knowledge, the
    user's, and the `knowledge` paths) once."""
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    chunks = iter(lambda it=iter(articles): list(itertools.islice(it, batch_size)), [])
    with context.Pool(workers, initializer=_init_worker, initargs=(model, knowledge, skip)) as pool:
        for results in pool.imap(_work, chunks):
            for data in results:
                origin = data.pop("_origin")
                document = Document.from_dict(data)
                document.origin = origin
                yield document


def process(
    text: str,
    *,
    published: str | None = None,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
) -> Document:
    """Process one article's text into its document record."""
    return _default_pipeline()(
        Article(text=text, published=published, title=title, url=url, source=source)
    )


_default: Pipeline | None = None


def _default_pipeline() -> Pipeline:
    global _default  # the loaded model, kept for repeated process() calls
    if _default is None:
        _default = Pipeline()
    return _default


def cpu_count() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
