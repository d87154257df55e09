"""Every CLI command documents itself with an example: its docstring (the help text) has "Example:"."""

from __future__ import annotations

import typer

from eventwire.cli import app


def walk(t: typer.Typer, prefix: str = "") -> list[tuple[str, str | None]]:
    """(command path, help text) for every command of ``t`` and of its sub-typers, recursively."""
    found: list[tuple[str, str | None]] = []
    for cmd in t.registered_commands:
        callback = cmd.callback
        name = cmd.name or (callback.__name__.replace("_", "-") if callback else "?")
        doc = cmd.help or (callback.__doc__ if callback else None)
        found.append((f"{prefix}{name}", doc))
    for group in t.registered_groups:
        sub = group.typer_instance
        name = group.name or (sub.info.name if sub is not None else None) or "?"
        if sub is not None:
            found.extend(walk(sub, f"{prefix}{name} "))
    return found


def undocumented(t: typer.Typer) -> list[str]:
    return [name for name, doc in walk(t) if not doc or "Example:" not in doc]


def test_every_command_has_an_example():
    commands = walk(app)
    names = {name for name, _ in commands}
    # the walk really sees the app's commands, including the sub-typer's
    assert {"code", "ingest", "stats", "actors resolve"} <= names
    assert undocumented(app) == []


def test_checker_flags_an_undocumented_command():
    demo = typer.Typer()

    @demo.command()
    def documented() -> None:
        """Does a thing.

        Example: demo documented
        """

    @demo.command()
    def bare() -> None:
        """Has help but no example."""

    sub = typer.Typer()
    demo.add_typer(sub, name="group")

    @sub.command("nodoc")
    def nodoc() -> None:
        pass

    assert sorted(undocumented(demo)) == ["bare", "group nodoc"]
