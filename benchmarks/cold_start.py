"""Cold start: ``eventwire code`` on one sentence, in a fresh process each time, wall and CPU seconds.

    python benchmarks/cold_start.py [--src ../main/src --src src] [--repeat 3]

Each ``--src`` folder is put first on PYTHONPATH of the child processes, so two source trees (say the
main branch and a work tree) are compared in the same run, their runs interleaved (machine noise
hits both alike). For each tree and each of ``--repeat`` rounds:

- ``warm``: the start-up cache (``eventwire.cache``) already holds the knowledge base and the matcher
  patterns (a private cache folder, filled by one run that is not counted);
- ``first``: an empty cache folder, so the run builds and writes the entries;
- ``off``: ``EVENTWIRE_CACHE=0``, everything built, nothing written.

A tree without the cache behaves alike in all three. Then, per tree, where the time goes inside one
warm process (``--phases``: imports, model, KB, matchers, event coder, tone lexicon, the sentence).
Medians are printed, with every run's value; CPU is the child's user + system time, which other
processes' load inflates far less than wall time.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SENTENCE = '{"id":"1","text":"Russia and Belarus held talks on Friday."}\n'
PHASES = r"""
import json, sys, time
marks = [(time.perf_counter(), time.process_time())]
out = {}
def mark(label):
    t, c = time.perf_counter(), time.process_time()
    out[label] = (t - marks[-1][0], c - marks[-1][1])
    marks.append((t, c))
import eventwire.cli
mark("imports")
from eventwire import actors, events, nlp, tone
from eventwire.actors import match
from eventwire.ingest.build import from_row
from eventwire.pipeline import Stages, code_articles
from eventwire.settings import Settings
settings = Settings.from_env()
model = nlp.load(settings.spacy_model); mark("model")
kb = actors.load(()); mark("kb")
match.matchers(model, kb); mark("matchers")
import eventwire.pipeline as pipeline
# What Stages.load does: the cached coder where the tree has it.
coder = pipeline._coder(kb, ()) if hasattr(pipeline, "_coder") else events.Coder.load(kb, ()); mark("coder")
lexicon = tone.load(); mark("tone")
article = from_row(json.loads(sys.argv[1]), input="-")
list(code_articles([article], settings, Stages(nlp=model, kb=kb, coder=coder, tone=lexicon))); mark("sentence")
print(json.dumps(out))
"""


def run(src: Path, env: dict[str, str], args: list[str], stdin: str | None) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds (user + system) and stdout of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, *args], input=stdin, capture_output=True, text=True, check=True,
                          env={**os.environ, **env, "PYTHONPATH": str(src.resolve())})
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), done.stdout


def fmt(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} s ({', '.join(f'{v:.2f}' for v in values)})"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--src", type=Path, action="append", help="Source tree (repeatable; default: src).")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--phases", action="store_true", help="Also time the phases inside one process.")
    args = ap.parse_args()
    trees: list[Path] = args.src or [Path("src")]
    code = ["-m", "eventwire", "code", "-", "-o", "-"]
    results: dict[tuple[str, str], tuple[list[float], list[float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        warm_dirs = {}
        for i, src in enumerate(trees):
            warm_dirs[src] = str(Path(tmp) / f"warm{i}")
            run(src, {"EVENTWIRE_CACHE_DIR": warm_dirs[src]}, code, SENTENCE)  # fills the cache; not counted
        for r in range(args.repeat):
            for i, src in enumerate(trees):
                variants = {"warm": {"EVENTWIRE_CACHE_DIR": warm_dirs[src]},
                            "first": {"EVENTWIRE_CACHE_DIR": str(Path(tmp) / f"first{i}-{r}")},
                            "off": {"EVENTWIRE_CACHE": "0"}}
                for name, env in variants.items():
                    wall, cpu, out = run(src, env, code, SENTENCE)
                    assert json.loads(out)["events"], "the sentence is coded"
                    walls, cpus = results.setdefault((str(src), name), ([], []))
                    walls.append(wall)
                    cpus.append(cpu)
        print(f"eventwire code on one sentence, {args.repeat} runs each, medians (runs); "
              f"load average {os.getloadavg()[0]:.1f}")
        for (src, name), (walls, cpus) in results.items():
            print(f"{src:24s} {name:6s} wall {fmt(walls)}   cpu {fmt(cpus)}")
        if args.phases:
            for src in trees:
                runs = [json.loads(run(src, {"EVENTWIRE_CACHE_DIR": warm_dirs[src]}, ["-c", PHASES, SENTENCE.strip()],
                                       None)[2]) for _ in range(args.repeat)]
                print(f"{src} phases (warm cache), median wall / cpu s: " + ", ".join(
                    f"{k} {statistics.median(r[k][0] for r in runs):.2f}/{statistics.median(r[k][1] for r in runs):.2f}"
                    for k in runs[0]))


if __name__ == "__main__":
    main()
