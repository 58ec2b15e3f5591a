"""Read mutmut's results in build/mutation*/mutants and print the score of each package.

    figure: mutation_score <killed %> %     (one line per package, with its name)

Killed counts kills and timeouts; survivors listed in tools/mutation-equivalent.txt are left
out of both sides, every other survivor is printed with the command that shows its diff.
Files edited since their mutants were last run are reported as stale (run the script again)."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "build"
EQUIVALENT = ROOT / "tools" / "mutation-equivalent.txt"

# mutmut's exit codes (mutmut/stats.py): 1 and 3 a test failed, 0 every test passed, 5 and 33
# no test reaches the mutant; timeouts (36, SIGXCPU) and crashes (SIGSEGV, SIGKILL) are
# caught too. Anything else (suspicious, skipped, interrupted) is shown but not scored.
KILLED = {1, 3, 36, -24, 24, 152, 255, -11, -9}
SURVIVED = {0}
NO_TESTS = {5, 33}


def equivalents() -> dict[str, str]:
    out = {}
    for line in EQUIVALENT.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, _, why = line.partition(" ")
            out[name] = why.strip()
    return out


def newest_results(folders: list[Path], package: str) -> list[tuple[Path, Path]]:
    """(source path, its .meta) for each file of `package`: the newest of the work folders'
    results (build/mutation, and build/mutation-NAME from MUTATION_FOLDER=NAME)."""
    newest: dict[Path, Path] = {}
    for mutants in folders:
        for meta in (mutants / "facilitator" / package).rglob("*.py.meta"):
            relative = meta.relative_to(mutants).with_suffix("")
            if relative not in newest or meta.stat().st_mtime > newest[relative].stat().st_mtime:
                newest[relative] = meta
    return sorted(newest.items())


def main(packages: list[str]) -> int:
    folders = sorted(BUILD.glob("mutation*/mutants"))
    if not folders:
        print("No mutation results yet: run tools/mutation.sh first.", file=sys.stderr)
        return 1
    judged = equivalents()
    names_read: set[str] = set()  # every mutant of the files read, whatever its result
    modules_read: set[str] = set()
    killed_equivalent: list[str] = []
    survivors: list[tuple[str, str]] = []
    for package in packages:
        counts: Counter[str] = Counter()
        per_file: list[str] = []
        stale = []
        for relative, meta in newest_results(folders, package):
            source = ROOT / relative
            if not source.exists():
                continue
            folder = meta.relative_to(BUILD).parts[0]
            data = json.loads(meta.read_text(encoding="utf-8"))
            modules_read.add(".".join(relative.with_suffix("").parts))
            names_read.update(data.get("exit_code_by_key", {}))
            if source.stat().st_mtime > meta.stat().st_mtime:
                stale.append(str(source.relative_to(ROOT)))
            before = Counter(counts)
            for name, code in data.get("exit_code_by_key", {}).items():
                if code is None:
                    counts["not run"] += 1
                elif name in judged and code in KILLED:  # a test tells it apart after all
                    counts["killed"] += 1
                    killed_equivalent.append(name)
                elif name in judged:
                    counts["equivalent"] += 1
                elif code in SURVIVED:
                    counts["survived"] += 1
                    survivors.append((name, folder))
                elif code in NO_TESTS:
                    counts["no tests"] += 1
                    survivors.append((name, folder))
                elif code in KILLED:
                    counts["killed"] += 1
                else:
                    counts[f"exit {code}"] += 1
            mine = counts - before
            per_file.append(f"  {source.relative_to(ROOT)}: {mine['killed']} killed, "
                            f"{mine['survived'] + mine['no tests']} survived, "
                            f"{mine['equivalent']} equivalent, {mine['not run']} not run")
        tested = counts["killed"] + counts["survived"] + counts["no tests"]
        if not tested:
            print(f"{package}: nothing run yet")
            continue
        score = 100 * counts["killed"] / tested
        detail = ", ".join(f"{n} {k}" for k, n in sorted(counts.items()))
        print(f"figure: mutation_score {score:.1f} % ({package}: {detail})")
        for line in per_file:
            print(line)
        for path in stale:
            print(f"  stale: {path} changed since its mutants ran")
    for name, folder in survivors:
        print(f"  survived: {name}   (build/{folder}: ../../.venv/bin/mutmut show {name})")
    for name in killed_equivalent:
        print(f"  killed, so not equivalent (remove its line): {name}")
    for name in sorted(set(judged) - names_read):
        if name.rsplit(".", 1)[0] in modules_read:  # its file ran, but has no such mutant now
            print(f"  stale equivalent entry (no such mutant now): {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["services", "store"]))
