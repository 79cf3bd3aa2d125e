"""A read-only project (a folder mounted read-only: a CD, a snapshot, a share given read
access): the commands that read work; every command that would write says so in one line
naming the file, exit code 2; the file's bytes do not change.  A real read-only mount in a
user namespace (root may write a file whatever its mode, so chmod proves nothing here)."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys

import pytest

import qda

DOCUMENT = "P01_police_limanorte"

READS = {
    "documents": ["documents", "{p}"],
    "stats": ["stats", "{p}"],
    "quotes": ["quotes", "{p}", "--code", "Shame", "-o", "{out}/quotes.csv"],
    "export": ["export", "{p}", "-o", "{out}/study.qdpx"],
    "agree": ["agree", "{p}", "--coders", "ana,luis"],
}
WRITES = {
    "memo": ["memo", "{p}", "--coder", "ana", "--text", "a note"],
    "import": ["import", "{p}", "{out}/P99.txt"],
    "codings-add": ["codings", "{p}", "--add", "{out}/codings.csv"],
    "codebook-import": ["codebook", "{p}", "--import", "{out}/codebook.yaml"],
    "kwic-apply": ["kwic", "{p}", "police", "--code", "Shame", "--apply"],
    "query-save": ["query", "{p}", "Shame", "--save", "shame"],
    "sets-add": ["sets", "{p}", "--add", "first", DOCUMENT],
    "undo": ["undo", "{p}", "--coder", "ana"],
    "done": ["done", "{p}", DOCUMENT, "--coder", "ana"],
    "purge": ["purge", "{p}"],
    "merge": ["merge", "{p}", "{out}/luis.qda"],
    "code": ["code", "{p}", "--coder", "ana"],
}

# Output into the read-only folder: refused in one line naming the file asked for.
OUTPUTS = {
    "export-into-read-only": (["export", "{p}", "-o", "{ro}/study.qdpx"], "study.qdpx"),
    "quotes-into-read-only": (["quotes", "{p}", "--code", "Shame", "-o", "{ro}/quotes.docx"], "quotes.docx"),
    "copy-into-read-only": (["copy-for-coder", "{p}", "--coder", "luis", "-o", "{ro}/luis.qda"], "luis.qda"),
}

SCRIPT = r"""
mount --bind "$RO" "$RO" && mount -o remount,ro,bind "$RO" "$RO" || { echo "mount=failed"; exit 0; }
while IFS= read -r line; do
  name=${line%%|*}; args=${line#*|}
  eval "set -- $args"
  timeout 120 "$PYTHON" -m qda "$@" > "$OUT/$name.out" 2> "$OUT/$name.err" < /dev/null
  echo "$name=$?"
done < "$OUT/commands"
"""


@pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("unshare") is None, reason="needs Linux unshare")
def test_a_read_only_project_reads_and_refuses_every_write_in_one_line(coded_path, tmp_path):
    if subprocess.run(["unshare", "-rm", "true"], capture_output=True).returncode != 0:
        pytest.skip("user namespaces are not available here")
    with qda.open_project(coded_path) as project:  # a deleted memo, so that purge has something to write
        project.set_memo("document", DOCUMENT, "a memo about someone", "ana")
        project.set_memo("document", DOCUMENT, "", "ana")
        assert project.add_coding(DOCUMENT, "Shame", 3, 9, "luis") is not None
    read_only, out = tmp_path / "ro", tmp_path / "out"
    read_only.mkdir()
    out.mkdir()
    project = read_only / "study.qda"
    shutil.copyfile(coded_path, project)
    assert subprocess.run([sys.executable, "-m", "qda", "copy-for-coder", str(project), "--coder", "luis",
                           "-o", str(out / "luis.qda")], capture_output=True).returncode == 0
    for side in ("-wal", "-shm"):
        (read_only / f"study.qda{side}").unlink(missing_ok=True)
    (out / "P99.txt").write_text("P99: We waited.\nINT: And then?\n", encoding="utf-8")
    (out / "codings.csv").write_text(f"document,code,start,end,coder\n{DOCUMENT},Shame,0,5,ana\n", encoding="utf-8")
    (out / "codebook.yaml").write_text("codes:\n  - name: Brand new code\n", encoding="utf-8")
    commands = {**READS, **WRITES, **{name: argv for name, (argv, _) in OUTPUTS.items()}}
    (out / "commands").write_text("".join(
        f"{name}|{' '.join(repr(a.format(p=project, out=out, ro=read_only)) for a in argv)}\n"
        for name, argv in commands.items()))
    before = hashlib.sha256(project.read_bytes()).hexdigest()
    env = {"RO": str(read_only), "OUT": str(out), "PYTHON": sys.executable, "PATH": "/usr/bin:/bin", "TERM": "dumb"}
    result = subprocess.run(["unshare", "-rm", "sh", "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=1800)
    codes = dict(line.split("=", 1) for line in result.stdout.splitlines() if "=" in line)
    if codes.get("mount") == "failed":
        pytest.skip("a read-only bind mount is not allowed here")
    for name in READS:
        assert codes[name] == "0", (name, (out / f"{name}.err").read_text())
    assert (out / "quotes.csv").exists() and (out / "study.qdpx").exists()
    for name in WRITES:
        err = (out / f"{name}.err").read_text()
        lines = err.splitlines()
        assert codes[name] == "2", (name, codes[name], err)
        assert len(lines) == 1 and lines[0].startswith("Error: ") and "study.qda" in lines[0], (name, err)
        assert "read-only" in lines[0], (name, err)
    for name, (_, named) in OUTPUTS.items():
        err = (out / f"{name}.err").read_text()
        assert codes[name] == "2" and len(err.splitlines()) == 1, (name, codes[name], err)
        assert named in err and "read-only" in err, (name, err)
    assert hashlib.sha256(project.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in read_only.iterdir()) == ["study.qda"]
