"""Phoenix/PETRARCH dictionary import and the actors show/add/import commands."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from typer.testing import CliRunner

from eventwire.actors import kb as kb_module
from eventwire.actors import phoenix
from eventwire.cli import app

ACTORS = """# a tiny actors dictionary written for this test
ANA_RUIZ_  [SYLGOV 150301-190630] [SYLELI >190701]
+RUIZ_
+MINISTER_RUIZ_
BORIS_VELL_  [FREMILGOV <121231]
JOAN_ORT_ [IGOUNO 200101-]
THIS LINE IS BROKEN
+STRAY
"""
AGENTS = """DEFENSE_MINIST [~GOVMIL]
MINISTER_OF_DEFENSE [~GOVMIL]
RIOT_POLICE [~COP]
NOT AN AGENT
"""


def test_actor_blocks_dates_and_synonyms() -> None:
    rows, problems = phoenix.parse_actors(ACTORS)
    ruiz = [r for r in rows if r["name"] == "Ana Ruiz"]
    assert [(r["sector"], r.get("start"), r.get("end")) for r in ruiz] == [
        ("GOV", "2015-03-01", "2019-06-30"), ("ELI", "2019-07-01", None)]
    assert ruiz[0]["aliases"] == ["Ruiz", "Minister Ruiz"] and ruiz[0]["country"] == "SYL"
    vell = next(r for r in rows if r["name"] == "Boris Vell")
    assert vell["sector"] == "MIL" and vell["also"] == ["GOV"] and vell["end"] == "2012-12-31"
    assert next(r for r in rows if r["name"] == "Joan Ort")["igo"] == "IGOUNO"
    assert len(problems) == 2 and "not an actor line" in problems[0] and "synonym before" in problems[1]


def test_agents_become_roles_with_the_last_sector_primary() -> None:
    rows, problems = phoenix.parse_agents(AGENTS)
    mil = next(r for r in rows if r["sector"] == "MIL")
    assert mil["also"] == ["GOV"] and mil["nouns"] == ["defense minist", "minister of defense"]
    assert any(r["sector"] == "COP" and r["nouns"] == ["riot police"] for r in rows)
    assert len(problems) == 1


def test_imported_file_resolves_time_aware(tmp_path: Path) -> None:
    src, mine = tmp_path / "x.actors", tmp_path / "mine.yaml"
    src.write_text(ACTORS)
    runner = CliRunner()
    r = runner.invoke(app, ["actors", "import", str(src), "--file", str(mine)])
    assert r.exit_code == 0 and "2 lines skipped" in " ".join(r.output.split())
    kb = kb_module.build([kb_module.read_extra(mine)])
    assert kb.lookup("Ana Ruiz", dt.date(2017, 1, 1)).code == "SYLGOV"  # type: ignore[union-attr]
    assert kb.lookup("Ruiz", dt.date(2021, 1, 1)).code == "SYLELI"  # type: ignore[union-attr]
    r = runner.invoke(app, ["actors", "add", "Mara Quill", "--code", "FREJUD", "--since", "2020-02-01",
                            "--file", str(mine)])
    assert r.exit_code == 0
    kb = kb_module.build([kb_module.read_extra(mine)])
    assert kb.lookup("Mara Quill", dt.date(2021, 1, 1)).code == "FREJUD"  # type: ignore[union-attr]
    r = runner.invoke(app, ["actors", "show", "Mara Quill", "--date", "2021-01-01", "--kb-extra", str(mine)])
    assert r.exit_code == 0 and "FREJUD" in r.output
    bad = tmp_path / "bad.actors"
    bad.write_text("nothing here\n")
    r = runner.invoke(app, ["actors", "import", str(bad), "--file", str(mine)])
    assert r.exit_code == 2 and "no entries" in " ".join(r.output.split())
