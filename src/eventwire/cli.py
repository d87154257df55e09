"""The command line: a thin shell over the library. Each command's docstring is its help text.

User errors (a missing file, a busy store, a bad line) are printed as one clear message, never a
traceback; the exit code is non-zero only when nothing at all could be processed.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import json
import logging
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any, NoReturn

import typer
import yaml
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

from eventwire import __version__, actors, pipeline
from eventwire.actors import kb as kb_module
from eventwire.actors import phoenix
from eventwire.actors.kb import key
from eventwire.errors import EventwireError, InputError
from eventwire.ingest import expand
from eventwire.ingest.build import from_row
from eventwire.ingest.dates import parse_date
from eventwire.ingest.objectstore import is_uri
from eventwire.ingest.tabular import parse_jsonl_line
from eventwire.records import Article, CodedArticle, Reject
from eventwire.settings import DEFAULT_NEAR_DUPLICATE, MAX_QUERY_LIMIT, Settings

if TYPE_CHECKING:
    import duckdb

# The store (DuckDB) and the local engine are imported by the commands that use them: `code` and the
# `actors` commands never touch a store, and DuckDB's import alone is a noticeable share of their start-up.

app = typer.Typer(help="eventwire: news in, political event data out.", no_args_is_help=True,
                  add_completion=False, pretty_exceptions_enable=False)
actors_app = typer.Typer(help="Actor knowledge-base commands.", no_args_is_help=True)
app.add_typer(actors_app, name="actors")
err = Console(stderr=True)
out = Console()

DbOpt = Annotated[Path | None,
                  typer.Option("--db", help="DuckDB store (default: $EVENTWIRE_DB or ./eventwire.duckdb).")]
ModelOpt = Annotated[str | None,
                     typer.Option("--model", help="Installed spaCy pipeline (default: $EVENTWIRE_SPACY_MODEL).")]
KbOpt = Annotated[list[Path] | None, typer.Option("--kb-extra", help="Extra actor YAML file (repeatable).")]
LexOpt = Annotated[list[Path] | None,
                   typer.Option("--lexicon-extra", help="Extra predicate YAML file (repeatable); its entries win.")]


def samples_dir() -> Path:
    """The folder of bundled sample articles (their manifest and README sit one level up)."""
    return Path(str(resources.files("eventwire").joinpath("samples/articles")))


def _settings(db: Path | None = None, model: str | None = None, kb_extra: list[Path] | None = None,
              lexicon_extra: list[Path] | None = None) -> Settings:
    return Settings.from_env(db_path=db, spacy_model=model, kb_extra=tuple(kb_extra) if kb_extra else None,
                             lexicon_extra=tuple(lexicon_extra) if lexicon_extra else None)


@contextmanager
def _user_errors() -> Iterator[None]:
    try:
        yield
    except EventwireError as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(2) from None
    except Exception as exc:
        # Only a command that imported DuckDB can raise its errors (see the imports above).
        duckdb_module = sys.modules.get("duckdb")
        if duckdb_module is None or not isinstance(exc, duckdb_module.Error):
            raise
        err.print(f"[red]database error:[/red] {exc}", highlight=False)
        raise typer.Exit(2) from None


@contextmanager
def _open_out(path: str) -> Iterator[IO[str]]:
    if path == "-":
        yield sys.stdout
        return
    try:
        with open(path, "w", encoding="utf-8") as f:
            yield f
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror})") from exc


def _read_lines(path: str) -> list[str]:
    """Lines of a (possibly gzipped) UTF-8 file; split on "\n" only, as JSON strings may hold U+2028."""
    if path == "-":
        return sys.stdin.read().split("\n")
    try:
        data = Path(path).read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
    except (OSError, EOFError) as exc:
        raise InputError(f"{path}: cannot read ({exc})") from exc
    return data.decode("utf-8", errors="replace").split("\n")


def _rows(path: str) -> Iterator[tuple[str, str, dict[str, Any] | None, str | None]]:
    """(where, id, row or None, error) for each non-blank JSONL line."""
    for n, line in enumerate(_read_lines(path), start=1):
        if not line.strip():
            continue
        where = f"{path}#{n}"
        try:
            row = parse_jsonl_line(line, where)
        except InputError as exc:
            yield where, f"line{n}", None, str(exc)
            continue
        rid = row.get("id")
        yield where, f"line{n}" if rid is None else str(rid), row, None


@app.command()
def code(
    input: Annotated[str, typer.Argument(help="JSONL input, '-' for stdin.")],
    output: Annotated[str, typer.Option("-o", "--output", help="JSONL output, '-' for stdout.")] = "-",
    model: ModelOpt = None,
    kb_extra: KbOpt = None,
    lexicon_extra: LexOpt = None,
    article_only: Annotated[bool, typer.Option("--article-only",
                                               help="Only extract the article (text and metadata); no NLP.")] = False,
) -> None:
    """Code JSONL articles into events, actors and quotes (the INTERFACE.md contract). No store needed.

    One output line per input line, same id, same order; a bad line gets an `error` field. Input may
    be gzipped. With --article-only, only page extraction runs (fast; for evaluating ingest).

    Example: eventwire code articles.jsonl -o coded.jsonl
    """
    with _user_errors():
        settings = _settings(model=model, kb_extra=kb_extra, lexicon_extra=lexicon_extra)
        rows = list(_rows(input))
        items: list[Article | Reject] = []
        for where, rid, row, problem in rows:
            if row is None:
                items.append(Reject(input=where, stage="read", reason=problem or "", ref=rid))
                continue
            try:
                items.append(from_row(row, input=where))
            except InputError as exc:
                items.append(Reject(input=where, stage="ingest", reason=str(exc), ref=rid))
        ok = 0
        results: Iterable[CodedArticle | Reject | Article] = (
            items if article_only else pipeline.code_articles(items, settings))
        with _open_out(output) as f:
            for (_, rid, _, _), result in zip(rows, results, strict=True):
                if isinstance(result, Reject):
                    obj: dict[str, Any] = {"id": rid, "error": result.reason}
                    err.print(f"[yellow]reject:[/yellow] {result.reason}", markup=True, highlight=False)
                elif isinstance(result, Article):
                    obj = {"id": rid, "article": result.to_dict()}
                    ok += 1
                else:
                    obj = {**result.to_dict(), "id": rid}
                    ok += 1
                f.write(json.dumps(obj, ensure_ascii=False) + "\n")
        if rows and not ok:
            raise typer.Exit(1)


@actors_app.command("resolve")
def actors_resolve(
    input: Annotated[str, typer.Argument(help="JSONL of {id, text, date?}, '-' for stdin.")],
    output: Annotated[str, typer.Option("-o", "--output", help="JSONL output, '-' for stdout.")] = "-",
    kb_extra: KbOpt = None,
) -> None:
    """Resolve short actor phrases to codes: {id, code, country, sector, name}, nulls when unknown.

    Example: echo '{"id": "1", "text": "the Kremlin"}' | eventwire actors resolve -
    """
    with _user_errors():
        kb = actors.load(tuple(kb_extra or ()))
        ok = seen = 0
        with _open_out(output) as f:
            for _, rid, row, problem in _rows(input):
                if row is None or not isinstance(row.get("text"), str):
                    obj: dict[str, Any] = {"id": rid, "error": problem or "row has no text field"}
                else:
                    on = parse_date(str(row["date"])) if row.get("date") else None
                    obj = {"id": rid, **actors.resolve_phrase(row["text"], kb, on).to_dict()}
                    ok += 1
                f.write(json.dumps(obj, ensure_ascii=False) + "\n")
                seen += 1
        if seen and not ok:
            raise typer.Exit(1)


@actors_app.command("show")
def actors_show(
    text: Annotated[str, typer.Argument(help="A short actor phrase.")],
    date: Annotated[dt.datetime | None, typer.Option(formats=["%Y-%m-%d"], help="As of this date.")] = None,
    kb_extra: KbOpt = None,
) -> None:
    """Show what a phrase resolves to, and every knowledge-base name it matches.

    Example: eventwire actors show "Belarusian defence minister" --date 2024-01-19
    """
    with _user_errors():
        kb = actors.load(tuple(kb_extra or ()))
        on = date.date() if date else None
        out.print_json(json.dumps(actors.resolve_phrase(text, kb, on).to_dict()))
        names = kb.by_key.get(key(text)) or []
        rows = [(n.kind, n.actor.code, n.actor.name, n.since, n.until) for n in names]
        if rows:
            out.print(_table("Knowledge-base entries", ["kind", "code", "name", "since", "until"], rows))


def _append_yaml(path: Path, section: str, rows: list[dict[str, Any]]) -> None:
    data: dict[str, Any] = {}
    if path.exists():
        data = kb_module.read_extra(path)
    data.setdefault(section, []).extend(rows)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


@actors_app.command("add")
def actors_add(
    name: Annotated[str, typer.Argument(help="The person's name as news writes it.")],
    code: Annotated[str, typer.Option(help="Country + sector(s), e.g. BLRMIL, or an IGO code.")],
    file: Annotated[Path, typer.Option("--file", help="Your KB file (created if missing; use with --kb-extra).")],
    alias: Annotated[list[str] | None, typer.Option(help="Other spellings (repeatable).")] = None,
    since: Annotated[dt.datetime | None, typer.Option(formats=["%Y-%m-%d"])] = None,
    until: Annotated[dt.datetime | None, typer.Option(formats=["%Y-%m-%d"])] = None,
) -> None:
    """Add an office holder to your own KB file (a one-line YAML entry you can edit later).

    Example: eventwire actors add "Viktor Khrenin" --code BLRMIL --since 2019-01-20 --file my_actors.yaml
    """
    with _user_errors():
        partial = phoenix.code_row(code + (f" {since:%y%m%d}-{until:%y%m%d}" if since and until else
                                           f" >{since:%y%m%d}" if since else f" <{until:%y%m%d}" if until else ""))
        if partial is None:
            raise InputError(f"{code!r} is not a country+sector or IGO code")
        _append_yaml(file, "officials", [{"name": name, "aliases": list(alias or []), **partial}])
    err.print(f"added {name} ({code}) to {file}", highlight=False)


@actors_app.command("import")
def actors_import(
    dictionary: Annotated[Path, typer.Argument(help="A PETRARCH/Phoenix .actors or agents dictionary.")],
    file: Annotated[Path, typer.Option("--file", help="Your KB file to add to (use with --kb-extra).")],
    agents: Annotated[bool, typer.Option("--agents", help="The file is an agents dictionary.")] = False,
) -> None:
    """Import a Phoenix/PETRARCH dictionary into your KB file; lines that cannot be read are listed.

    Example: eventwire actors import Phoenix.Countries.actors --file my_actors.yaml
    """
    with _user_errors():
        try:
            text = dictionary.read_text("utf-8", errors="replace")
        except OSError as exc:
            raise InputError(f"{dictionary}: cannot read ({exc.strerror})") from exc
        rows, problems = phoenix.parse_agents(text) if agents else phoenix.parse_actors(text)
        for p in problems[:20]:
            err.print(f"[yellow]skipped:[/yellow] {dictionary}: {p}", highlight=False)
        if not rows:
            raise InputError(f"{dictionary}: no entries could be read")
        _append_yaml(file, "roles" if agents else "officials", rows)
    err.print(f"imported {len(rows)} {'role groups' if agents else 'actor codes'} into {file} "
              f"({len(problems)} lines skipped)", highlight=False)


def _progress(quiet: bool) -> Progress:
    """Inputs done out of all inputs (what the ETA is computed from), articles so far and their rate."""
    return Progress(TextColumn("[bold]ingest"), BarColumn(), TextColumn("{task.completed}/{task.total} inputs"),
                    TextColumn("{task.fields[articles]} articles, {task.fields[rate]:.1f}/s"),
                    TimeElapsedColumn(), TimeRemainingColumn(), console=err, disable=quiet, transient=False)


@app.command()
def ingest(
    paths: Annotated[list[str] | None, typer.Argument(help="Files, folders, globs, URLs; '-' for stdin.")] = None,
    samples: Annotated[bool, typer.Option("--samples", help="Ingest the bundled sample articles.")] = False,
    db: DbOpt = None,
    model: ModelOpt = None,
    kb_extra: KbOpt = None,
    lexicon_extra: LexOpt = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar; only errors.")] = False,
    workers: Annotated[int | None, typer.Option(
        "--workers", min=1, max=4096,
        help="Processes coding in parallel (same output as one); with --engine ray, actors (default: one per CPU).")
    ] = None,
    follow_links: Annotated[bool, typer.Option(
        "--follow-links", help="For feeds: fetch each entry's linked page (needs the network).")] = False,
    near_dup: Annotated[float, typer.Option(
        "--near-dup", min=0.0, max=1.0,
        help="Similarity for near-duplicates (0 turns detection off). A store last run with another value "
             "re-indexes its signatures once (seconds per 100,000 articles)."
    )] = DEFAULT_NEAR_DUPLICATE,
    engine: Annotated[str, typer.Option(
        "--engine", help="local (this machine, into --db) or ray (Ray workers, into a Parquet dataset -o).")
    ] = "local",
    address: Annotated[str | None, typer.Option(
        "--address", help="--engine ray: cluster address ('auto', 'ray://host:10001'); none starts a local Ray.")
    ] = None,
    output: Annotated[str | None, typer.Option(
        "-o", "--output", help="--engine ray: Parquet dataset folder or URI (s3://...), read with `eventwire attach`.")
    ] = None,
) -> None:
    """Read articles, code them and store them. Already-stored articles (same text) are skipped;
    near-duplicates (the same wire story re-published) are stored pointing at their first copy.
    With --engine ray the work runs on Ray workers and goes into a date-partitioned Parquet dataset
    (README: "Scale-out on Ray"); inputs may then also be URIs such as s3://bucket/news/.

    Example: eventwire ingest news/ feeds/*.xml --db news.duckdb
    Example: eventwire ingest news/ --engine ray -o news.parquet/ && eventwire attach news.parquet/ --db news.duckdb
    """
    sources = list(paths or []) + ([str(samples_dir())] if samples else [])
    if not sources:
        err.print("[red]error:[/red] nothing to ingest: give paths or --samples")
        raise typer.Exit(2)
    with _user_errors():
        settings = replace(_settings(db, model, kb_extra, lexicon_extra), near_duplicate_threshold=near_dup or None,
                           follow_links=follow_links)
        if engine not in ("local", "ray"):
            raise InputError("--engine must be local or ray")
        if engine == "ray":
            _ingest_ray(sources, settings, output, address, workers, quiet)
            return
        if output is not None or address is not None:
            raise InputError("-o/--output and --address are for --engine ray (the local engine writes --db)")
        with _progress(quiet) as bar:
            inputs = [s for s in expand(sources) if isinstance(s, str)]
            task = bar.add_task("ingest", total=max(len(inputs), 1), rate=0.0, articles=0)
            started: set[str] = set()

            def on_item(item: CodedArticle | Reject | Article, counts: dict[str, int]) -> None:
                if isinstance(item, Reject):
                    err.print(f"[yellow]reject:[/yellow] {item.reason}", highlight=False)
                    source = item.input
                else:
                    art = item.article if isinstance(item, CodedArticle) else item
                    source = art.input or ""
                # An input is counted once its first article (or reject) comes out: feeds and JSONL
                # files hold many articles, so this runs one input behind at most.
                started.add(source.split("#", 1)[0])
                elapsed = bar.tasks[0].elapsed or 0.0
                done = counts.get("articles", 0) + counts.get("skipped", 0)
                bar.update(task, completed=min(len(started), len(inputs)), articles=done,
                           rate=done / elapsed if elapsed else 0.0)

            from eventwire.engines import local

            try:
                counts = local.ingest(sources, settings, on_item, workers=workers or 1)
            except KeyboardInterrupt:
                bar.stop()
                err.print("[yellow]interrupted:[/yellow] every article coded so far is stored (whole); "
                          "run the same command again to finish.", highlight=False)
                _exit_interrupted()
            bar.update(task, completed=len(inputs))
        if not quiet:
            err.print(f"stored {counts.get('articles', 0)} new articles "
                      f"({counts.get('near_duplicates', 0)} near-duplicates), skipped {counts.get('skipped', 0)} "
                      f"already stored, {counts.get('events', 0)} events, {counts.get('quotes', 0)} quotes, "
                      f"{counts.get('rejects', 0)} rejects -> {settings.db_path}")
        if not counts.get("articles") and not counts.get("skipped"):
            raise typer.Exit(1)


def _exit_interrupted() -> NoReturn:
    """Leave with status 130 (interrupted) once an interrupted local run has closed its store. Not by
    ``typer.Exit``: an interrupt that lands while a compiled library runs Python code through the C API
    marks the interpreter to kill itself by SIGINT after a normal exit, whatever the status (seen as -2
    in about one run in ten), and a caller must be able to tell "interrupted, resumable" from a crash."""
    sys.stdout.flush()
    sys.stderr.flush()
    logging.shutdown()
    os._exit(130)


def _ingest_ray(sources: list[str], settings: Settings, output: str | None, address: str | None,
                workers: int | None, quiet: bool) -> None:
    from eventwire.engines import ray as ray_engine

    if not output:
        raise InputError("--engine ray writes a Parquet dataset: give -o DIR (a folder, or a URI like s3://bucket/out)")
    # Objects under a URI are only listed by the engine: then the bar has no total.
    inputs = [s for s in expand(s for s in sources if not is_uri(s)) if isinstance(s, str)]
    total = None if any(is_uri(s) for s in sources) else max(len(inputs), 1)
    with _progress(quiet) as bar:
        task = bar.add_task("ingest", total=total, rate=0.0, articles=0)

        def on_progress(read: int, counts: dict[str, int], rejects: list[Reject]) -> None:
            for r in rejects:
                err.print(f"[yellow]reject:[/yellow] {r.reason}", highlight=False)
            elapsed = bar.tasks[0].elapsed or 0.0
            done = counts.get("articles", 0) + counts.get("skipped", 0)
            bar.update(task, completed=read, articles=done, rate=done / elapsed if elapsed else 0.0)

        try:
            counts = ray_engine.ingest(sources, settings, output, address, workers, on_progress).counts
        except KeyboardInterrupt:
            bar.stop()
            err.print("[yellow]interrupted:[/yellow] the chunks written so far are kept; run the same command again "
                      "to finish (written articles are skipped).", highlight=False)
            # Ray is shut down by now (the engine's own finally), so nothing is left to close.
            _exit_interrupted()
    if not quiet:
        err.print(f"wrote {counts.get('articles', 0)} new articles ({counts.get('near_duplicates', 0)} "
                  f"near-duplicates), skipped {counts.get('skipped', 0)} already written, {counts.get('events', 0)} "
                  f"events, {counts.get('quotes', 0)} quotes, {counts.get('rejects', 0)} rejects -> {output}\n"
                  f"query it with DuckDB/Spark, or import it: eventwire attach {output} --db STORE", highlight=False)
    if not counts.get("articles") and not counts.get("skipped"):
        raise typer.Exit(1)


@app.command()
def attach(
    dataset: Annotated[str, typer.Argument(help="Parquet dataset folder or URI written by ingest --engine ray.")],
    db: DbOpt = None,
) -> None:
    """Import a Parquet dataset written by `ingest --engine ray` into the store, then cluster events.
    Articles the store already holds are skipped, so attaching again (or after another run) is safe.

    Example: eventwire attach news.parquet/ --db news.duckdb
    """
    from eventwire.store import open_store, parquet

    with _user_errors():
        settings = _settings(db)
        parquet.check(dataset)
        conn = open_store(settings.db_path)
        try:
            counts = parquet.attach(conn, dataset)
        finally:
            conn.close()
    err.print(f"imported {counts.get('articles', 0)} articles (skipped {counts.get('skipped', 0)} already stored), "
              f"{counts.get('events', 0)} events, {counts.get('quotes', 0)} quotes, {counts.get('rejects', 0)} "
              f"rejects -> {settings.db_path}", highlight=False)


def _table(title: str, headers: list[str], rows: list[tuple[Any, ...]]) -> Table:
    t = Table(title=title, title_justify="left")
    for h in headers:
        t.add_column(h)
    for r in rows:
        t.add_row(*("" if v is None else str(v) for v in r))
    return t


@app.command()
def stats(
    db: DbOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
) -> None:
    """Summarise the store: articles, actors, events by PLOVER type, top dyads, quotes.

    Example: eventwire stats --db news.duckdb
    """
    from eventwire.store import open_store
    from eventwire.store.db import READ_WAIT
    from eventwire.store.query import summary

    with _user_errors():
        settings = _settings(db)
        conn = open_store(settings.db_path, read_only=True, wait=READ_WAIT)
        try:
            s = summary(conn)
        finally:
            conn.close()
    if as_json:
        out.print_json(json.dumps(s, default=str))
        return
    out.print(f"[bold]{settings.db_path}[/bold]: {s['articles']} articles ({s['non_english']} not English), "
              f"{s['sentences']} sentences, {s['mentions']} actor mentions ({s['resolved_mentions']} resolved, "
              f"{s['actors']} distinct actors), {s['events']} events, {s['quotes']} quotes, {s['rejects']} rejects")
    out.print(_table("Events by PLOVER type", ["type", "quad", "events"], s["events_by_type"]))
    out.print(_table("Top dyads", ["actor", "recipient", "events"], s["top_dyads"]))
    out.print(_table("Top speakers", ["speaker", "code", "quotes"], s["top_speakers"]))


OUTPUT_FORMATS = ("table", "csv", "jsonl", "parquet")
FormatOpt = Annotated[str, typer.Option("--format", "-f", help="table, csv, jsonl or parquet.")]
OutOpt = Annotated[Path | None, typer.Option("-o", "--output", help="File to write (default: stdout).")]
LimitOpt = Annotated[int, typer.Option("--limit", min=1, max=MAX_QUERY_LIMIT, help="Rows to return.")]


#: A table cell shows at most this many characters of a text; a longer one ends in "…" (the other formats
#: carry it whole).
CELL_CHARS = 90


def _cell(value: object) -> object:
    if isinstance(value, str) and len(value) > CELL_CHARS:
        return value[: CELL_CHARS - 1] + "…"
    return value


def _emit(rel: duckdb.DuckDBPyRelation, fmt: str, output: Path | None, title: str,
          table_columns: tuple[str, ...] = ()) -> None:
    """Print or write a query result in the chosen format (a table shows ``table_columns`` only, so it
    fits a terminal; the other formats carry every column)."""
    if fmt not in OUTPUT_FORMATS:
        raise InputError(f"--format must be one of {', '.join(OUTPUT_FORMATS)}")
    if fmt == "parquet":
        if output is None:
            raise InputError("--format parquet needs -o FILE")
        rel.to_parquet(str(output))
        return
    if fmt == "csv" and output is not None:
        rel.to_csv(str(output), header=True)
        return
    columns, rows = rel.columns, rel.fetchall()
    if fmt == "table":
        keep = [columns.index(c) for c in table_columns] if table_columns else list(range(len(columns)))
        shown = [tuple(_cell(r[i]) for i in keep) for r in rows]
        out.print(_table(title, [columns[i] for i in keep], shown))
        return
    with _open_out(str(output) if output else "-") as f:
        if fmt == "csv":
            w = csv.writer(f)
            w.writerow(columns)
            w.writerows(rows)
        else:
            for r in rows:
                f.write(json.dumps(dict(zip(columns, r, strict=True)), default=str, ensure_ascii=False) + "\n")


@contextmanager
def _reading(db: Path | None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the store, closed afterwards."""
    from eventwire.store import open_store
    from eventwire.store.db import READ_WAIT

    conn = open_store(_settings(db).db_path, read_only=True, wait=READ_WAIT)
    try:
        yield conn
    finally:
        conn.close()


@app.command()
def events(
    actor: Annotated[str | None, typer.Option(help="Actor code or country prefix (RUS, RUSMIL, IGOWSTNAT).")] = None,
    recipient: Annotated[str | None, typer.Option(help="Recipient code or country prefix.")] = None,
    country: Annotated[str | None, typer.Option(help="ISO3 country of either side.")] = None,
    dyad: Annotated[str | None, typer.Option(help="ACTOR:RECIPIENT, e.g. RUS:UKR.")] = None,
    event_type: Annotated[str | None, typer.Option("--type", help="PLOVER event type.")] = None,
    quad: Annotated[int | None, typer.Option(min=1, max=4, help="Quad class 1-4.")] = None,
    mode: Annotated[str | None, typer.Option(help="PLOVER mode.")] = None,
    modality: Annotated[str | None, typer.Option(help="asserted, intended, ...")] = None,
    date_from: Annotated[dt.datetime | None, typer.Option("--from", formats=["%Y-%m-%d"])] = None,
    date_to: Annotated[dt.datetime | None, typer.Option("--to", formats=["%Y-%m-%d"])] = None,
    source: Annotated[str | None, typer.Option(help="Publication name.")] = None,
    min_confidence: Annotated[float | None, typer.Option(min=0.0, max=1.0)] = None,
    text: Annotated[str | None, typer.Option(help="Words in the evidence sentence.")] = None,
    limit: LimitOpt = 50,
    offset: Annotated[int, typer.Option(min=0)] = 0,
    fmt: FormatOpt = "table",
    output: OutOpt = None,
    count: Annotated[bool, typer.Option("--count", help="Only count: reports, and distinct clustered events.")]
    = False,
    db: DbOpt = None,
) -> None:
    """Query events with filters; every row carries its evidence sentence and offsets.

    Example: eventwire events --dyad RUS:UKR --type ASSAULT --from 2024-01-01 --format csv -o out.csv
    """
    from eventwire.store import query

    with _user_errors():
        if dyad:
            if ":" not in dyad:
                raise InputError("--dyad must look like ACTOR:RECIPIENT")
            actor, recipient = dyad.split(":", 1)
        f = query.EventFilter(actor=actor, recipient=recipient, country=country, event_type=event_type,
                              quad_class=quad, mode=mode, modality=modality,
                              date_from=date_from.date() if date_from else None,
                              date_to=date_to.date() if date_to else None, source=source,
                              min_confidence=min_confidence, text=text, limit=limit, offset=offset)
        with _reading(db) as conn:
            if count:
                out.print(f"{query.count_events(conn, f)} event reports, "
                          f"{query.count_events(conn, f, clusters=True)} distinct events (clusters)")
                return
            _emit(query.events(conn, f), fmt, output, "Events",
                  ("date", "event_type", "actor_codes", "recipient_codes", "modality", "confidence", "tone",
                   "sentence"))


@app.command()
def quotes(
    speaker: Annotated[str | None, typer.Option(help="Speaker name, text or code prefix.")] = None,
    text: Annotated[str | None, typer.Option(help="Words in the quote.")] = None,
    linked: Annotated[bool, typer.Option("--linked", help="Only quotes that other stored articles carry too.")]
    = False,
    limit: LimitOpt = 50,
    fmt: FormatOpt = "table",
    output: OutOpt = None,
    db: DbOpt = None,
) -> None:
    """Query quotes by speaker and content. Every row has its tone score, its ``quote_key`` (the same
    words quoted in several articles share it) and ``quote_articles``, how many articles carry it.

    Example: eventwire quotes --speaker Khrenin --linked --format jsonl
    """
    from eventwire.store import query

    with _user_errors(), _reading(db) as conn:
        _emit(query.quotes(conn, speaker=speaker, text=text, limit=limit, linked=linked), fmt, output, "Quotes",
              ("published", "speaker_name", "speaker_text", "speaker_code", "direct", "tone", "quote_articles",
               "text"))


@actors_app.command("list")
def actors_list(
    search: Annotated[str | None, typer.Argument(help="Code prefix or words of the name.")] = None,
    limit: LimitOpt = 50,
    fmt: FormatOpt = "table",
    output: OutOpt = None,
    db: DbOpt = None,
) -> None:
    """List stored actors with their mention and event counts.

    Example: eventwire actors list BLR
    """
    from eventwire.store import query

    with _user_errors(), _reading(db) as conn:
        _emit(query.actors(conn, search=search, limit=limit), fmt, output, "Actors")


@app.command()
def articles(
    text: Annotated[str | None, typer.Option(help="Words in the title or text.")] = None,
    source: Annotated[str | None, typer.Option(help="Publication name.")] = None,
    limit: LimitOpt = 50,
    fmt: FormatOpt = "table",
    output: OutOpt = None,
    db: DbOpt = None,
) -> None:
    """List stored articles (id, date, source, title, events).

    Example: eventwire articles --text doctrine
    """
    from eventwire.store import query

    with _user_errors(), _reading(db) as conn:
        _emit(query.articles(conn, text=text, source=source, limit=limit), fmt, output, "Articles",
              ("id", "published", "source", "title", "events"))


@app.command("export")
def export_cmd(
    fmt: Annotated[str, typer.Argument(help="csv, jsonl, parquet (a folder, partitioned by date), plover, gdelt.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="File (folder for parquet) to write.")],
    db: DbOpt = None,
) -> None:
    """Export every stored event (GDELT 2.0 layout: 61 tab-separated columns, mapping in store/export.py).

    Example: eventwire export gdelt -o events.gdelt.tsv
    """
    from eventwire.store import export

    with _user_errors(), _reading(db) as conn:
        n = export.export(conn, fmt, output)
    err.print(f"exported {n} events to {output}", highlight=False)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to bind; keep 127.0.0.1 unless you mean to share it.")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8000,
    ingest_token: Annotated[str | None, typer.Option(
        envvar="EVENTWIRE_INGEST_TOKEN", help="Switch POST /api/ingest on, guarded by this bearer token.")] = None,
    db: DbOpt = None,
) -> None:
    """Serve the REST API (OpenAPI docs at /docs) over the store.

    Example: eventwire serve --db news.duckdb --port 8000
    """
    import uvicorn

    from eventwire.api import create_app

    settings = _settings(db)
    if host not in ("127.0.0.1", "localhost", "::1"):
        err.print(f"[yellow]warning:[/yellow] serving on {host}: anyone who can reach it can read the store")
    uvicorn.run(create_app(settings, ingest_token), host=host, port=port, log_level="warning")


@app.command()
def samples() -> None:
    """Print the folder of the bundled (illustrative) sample articles.

    Example: eventwire ingest "$(eventwire samples)"
    """
    out.print(str(samples_dir()), highlight=False)


@app.command()
def version() -> None:
    """Print the eventwire version and the spaCy pipeline it would load.

    Example: eventwire version
    """
    out.print(f"eventwire {__version__} (spaCy pipeline: {Settings.from_env().spacy_model})", highlight=False)


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    app()


if __name__ == "__main__":
    main()
