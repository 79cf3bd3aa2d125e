"""Everyday commands timed as whole processes, as a researcher runs them, beside qc when it is installed.

    python benchmarks/cli.py                                  # both corpora, 5 runs a command
    python benchmarks/cli.py --qc /path/to/venv/bin/qc        # and qc (PyPI qualitative-coding) beside qda
    python benchmarks/cli.py --keep /tmp/qda-cli-bench        # build the corpora once, reuse them later
    python benchmarks/cli.py --commands frequencies crosstab  # only the commands whose description names these

Two seeded synthetic corpora (shapes of benchmarks/analysis.py: a 200-code codebook
in 4 levels, alternating interviewer and participant turns of 3 to 5 sentences,
two coders, codings of 1 to 3 sentences whose codes follow a Zipf-like law):

- "1,000 transcripts": 1,000 documents of about 2,000 words (2 million words),
  20,000 codings;
- "1,000,000 codings": 10,000 documents of about 530 words, 100 codings each.

Each command runs as a fresh process (``python -m qda``) with its output sent to
/dev/null (not a terminal: no pager, no progress bar); the figure is the median of
``--runs`` runs of the wall time and of the CPU time (user + system) of the process.
qda's modules are compiled to bytecode first, as ``pip install`` does: where
PYTHONDONTWRITEBYTECODE is set, a module edited since its last compilation would
otherwise be compiled again by every run (a few milliseconds each).

qc is line-based: its copy of the small corpus has one sentence a line and a blank
line between turns, so that qc's line is qda's sentence and qc's paragraph is qda's
paragraph (a speaker turn); each coding becomes one coded line a sentence it spans.
The copy is written straight into the SQLite file that ``qc init`` creates (qc's own
.qdpx import stops in a debugger breakpoint in version 1.7.8), then ``qc check`` must
pass.  Install qc in a venv of its own: ``python -m venv /tmp/qc && /tmp/qc/bin/pip
install qualitative-coding``; it is not a dependency of qda.
"""

from __future__ import annotations

import argparse
import compileall
import hashlib
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import qda  # noqa: E402
from qda.model import Codebook  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
from corpus import Corpus, build  # noqa: E402


def build_qc(corpus: Corpus, folder: Path, qc: str) -> Path:
    """qc's copy of the corpus in ``folder`` (see the module's docstring), where qc commands run."""
    if (folder / "settings.yaml").exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run([qc, "init"], cwd=folder, check=True, capture_output=True)
    corpus_dir = folder / "corpus"
    database = sqlite3.connect(folder / "qualitative_coding.sqlite3")
    paragraph_of: list[list[int]] = []  # location id of each line
    with database:
        for name, lines in zip(corpus.documents, corpus.lines):
            file = corpus_dir / f"{name}.txt"
            file.write_text("\n".join(lines) + "\n")
            database.execute("INSERT INTO document (file_path, file_hash) VALUES (?, ?)",
                             (file.name, hashlib.sha1(file.read_bytes()).hexdigest()))
            index = database.execute("INSERT INTO document_index (name, time_series, document_id) VALUES "
                                     "('paragraphs', 0, ?)", (file.name,)).lastrowid
            locations = [0] * len(lines)
            for start, end in qc_paragraphs(lines):
                location = database.execute("INSERT INTO location (start_line, end_line, document_index_id) "
                                            "VALUES (?, ?, ?)", (start, end, index)).lastrowid
                locations[start:end] = [location] * (end - start)
            paragraph_of.append(locations)
        for coder in sorted({c[4] for c in corpus.codings}):
            database.execute("INSERT INTO coder (name) VALUES (?)", (coder,))
        with qda.open_project(corpus.path) as project:
            codebook = project.codebook
        for code in codebook.codes:
            database.execute("INSERT INTO code (name) VALUES (?)", (code.name,))
        seen: set[tuple[int, int, str, str]] = set()
        for document, first, last, code, coder in corpus.codings:
            for sentence in range(first, last + 1):
                line = corpus.sentence_lines[document][sentence]
                if (document, line, code, coder) in seen:
                    continue
                seen.add((document, line, code, coder))
                row = database.execute("INSERT INTO coded_line (line, coder_id, code_id) VALUES (?, ?, ?)",
                                       (line, coder, code)).lastrowid
                database.execute("INSERT INTO coded_line_location_association (coded_line_id, location_id) "
                                 "VALUES (?, ?)", (row, paragraph_of[document][line]))
    database.close()
    (folder / "codebook.yaml").write_text(qc_codebook(codebook))
    subprocess.run([qc, "check"], cwd=folder, check=True, capture_output=True)
    print(f"qc's copy: {len(seen):,} coded lines in {folder}", flush=True)
    return folder


def qc_paragraphs(lines: list[str]) -> list[tuple[int, int]]:
    """qc's paragraphs of a file's lines, [start, end) in 0-based lines, as qc's iter_paragraph_lines cuts them:
    a paragraph runs from a line that follows blank lines to the next such line."""
    cuts, blank = [0], False
    for number, line in enumerate(lines):
        if not line.strip():
            blank = True
        elif blank:
            cuts.append(number)
            blank = False
    cuts.append(len(lines))
    return list(zip(cuts[:-1], cuts[1:]))


def qc_codebook(codebook: Codebook) -> str:
    """The code tree as qc's codebook.yaml: a list of names; a code with children is {name: [children]}."""
    out: list[str] = []

    def add(parent_id: str | None, depth: int) -> None:
        for code in codebook.children(parent_id):
            has_children = bool(codebook.children(code.id))
            out.append("  " * depth + f"- {code.name}" + (":" if has_children else ""))
            if has_children:
                add(code.id, depth + 1)

    add(None, 0)
    return "\n".join(out) + "\n"


def timed(command: list[str], cwd: Path | None = None, runs: int = 5, limit: float = 600) -> tuple[float, float] | None:
    """Median wall and CPU (user + system) seconds of ``runs`` fresh processes of ``command``;
    None when a run takes more than ``limit`` seconds of wall time (it is stopped)."""
    walls, cpus = [], []
    for _ in range(runs):
        with tempfile.TemporaryFile() as errors:
            started = time.perf_counter()
            process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errors)
            while True:
                pid, status, usage = os.wait4(process.pid, os.WNOHANG)
                if pid:
                    break
                if time.perf_counter() - started > limit:
                    process.kill()
                    os.wait4(process.pid, 0)
                    return None
                time.sleep(0.005)
            walls.append(time.perf_counter() - started)
            cpus.append(usage.ru_utime + usage.ru_stime)
            process.returncode = os.waitstatus_to_exitcode(status)
            if process.returncode != 0:
                errors.seek(0)
                message = errors.read().decode(errors="replace").strip()[-500:]
                raise SystemExit(f"{' '.join(command[:4])} ... failed ({process.returncode}): {message}")
    return statistics.median(walls), statistics.median(cpus)


def commands(corpus: Corpus) -> list[tuple[str, list[str], list[str] | None]]:
    """(what, qda's arguments, qc's arguments or None) of each everyday command."""
    project = str(corpus.path)
    counts: dict[str, int] = {}
    for coding in corpus.codings:
        counts[coding[3]] = counts.get(coding[3], 0) + 1
    leaf = max((name for name in counts if name.count(".") == 3), key=counts.get)  # the commonest leaf code
    with qda.open_project(corpus.path) as opened:
        names = [code.name for code in opened.codebook.codes]
    return [
        ("--version", ["--version"], ["version"]),
        ("--help", ["--help"], ["--help"]),
        ("stats --help", ["stats", "--help"], ["codes", "stats", "--help"]),
        ("frequencies", ["stats", project], ["codes", "stats"]),
        ("frequencies by document", ["stats", project, "--by", "document"], ["codes", "stats", "--by-document"]),
        ("frequencies by role (crosstab)", ["crosstab", project, "--cols", "role"], None),
        ("co-occurrence by overlap", ["cooccur", project, "--unit", "overlap"], None),
        ("co-occurrence by sentence", ["cooccur", project, "--unit", "sentence"],
         ["codes", "crosstab", "--unit", "line", *names]),
        ("co-occurrence by paragraph", ["cooccur", project, "--unit", "paragraph"],
         ["codes", "crosstab", "--unit", "paragraph", *names]),
        (f"quotes of one code ({counts[leaf]:,} codings)", ["quotes", project, "--code", leaf],
         ["codes", "find", leaf]),
        ("quotes of one code, --format csv (codes met)", ["quotes", project, "--code", leaf, "--format", "csv"], None),
        ("quotes of one code, --format json", ["quotes", project, "--code", leaf, "--format", "json"], None),
        ("documents", ["documents", project], None),
        ("codebook", ["codebook", project], ["codes", "list"]),
    ]


def report(corpus: Corpus, runs: int, qc: str | None, qc_folder: Path | None, limit: float,
           only: list[str] | None = None) -> None:
    qda_command = [sys.executable, "-m", "qda"]
    header = f"{'command on ' + corpus.label:<50} {'qda wall':>9} {'qda CPU':>8}"
    if qc:
        header += f" {'qc wall':>8} {'qc CPU':>7} {'qc/qda':>7}"
    print(header)
    for what, arguments, qc_arguments in commands(corpus):
        if only and not any(word in what for word in only):
            continue
        wall, cpu = timed(qda_command + arguments, runs=runs, limit=limit) or (float("nan"),) * 2
        line = f"{what:<50} {wall:8.2f}s {cpu:7.2f}s"
        if qc and qc_arguments is not None:
            qc_times = timed([qc, *qc_arguments], cwd=qc_folder, runs=runs, limit=limit)
            if qc_times is None:
                line += f" {'>' + format(limit, '.0f'):>7}s {'':>7} {'>' + format(limit / cpu, '.0f'):>6}x"
            else:
                line += f" {qc_times[0]:7.2f}s {qc_times[1]:6.2f}s {qc_times[1] / cpu:6.1f}x"
        print(line, flush=True)


def libraries() -> str:
    """The versions of the libraries whose speed differs most between releases (numpy 2.3's np.unique
    of values alone was 50x slower on distinct keys): a figure is of the versions it ran with."""
    from importlib.metadata import PackageNotFoundError, version

    found = []
    for name in ("numpy", "pandas", "scipy"):
        try:
            found.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            found.append(f"{name} absent")
    return ", ".join(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="Runs a command (the median is printed).")
    parser.add_argument("--seed", type=int, default=20250601)
    parser.add_argument("--keep", type=Path, help="Build the corpora in (or reuse them from) this folder.")
    parser.add_argument("--qc", help="qc's executable (PyPI qualitative-coding, in a venv of its own).")
    parser.add_argument("--only", choices=["transcripts", "codings"], help="Only one of the two corpora.")
    parser.add_argument("--commands", nargs="+", metavar="WORD",
                        help="Only the commands whose description holds one of these words (e.g. frequencies).")
    parser.add_argument("--limit", type=float, default=300,
                        help="Seconds of wall time after which a run is stopped and shown as '>LIMIT'.")
    args = parser.parse_args()

    compileall.compile_dir(ROOT / "qda", quiet=1)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="qda-cli-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; median of {args.runs} runs; "
          f"python {sys.version.split()[0]}; {libraries()}", flush=True)
    if args.only != "codings":
        small = build("1,000 transcripts", folder / "transcripts.qda", 1_000, (40, 52), 20_000, args.seed)
        qc_folder = build_qc(small, folder / "qc", args.qc) if args.qc else None
        report(small, args.runs, args.qc, qc_folder, args.limit, args.commands)
    if args.only != "transcripts":
        large = build("1,000,000 codings", folder / "codings.qda", 10_000, (10, 15), 1_000_000, args.seed)
        report(large, args.runs, None, None, args.limit, args.commands)
    print(f"load average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
