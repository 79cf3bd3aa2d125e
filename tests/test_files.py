"""qda.files.atomic_output: a file appears whole or not at all."""

import os

import pytest

from qda.errors import FileError
from qda.files import atomic_output, partial_name


def test_the_file_appears_only_when_the_block_ends(tmp_path):
    target = tmp_path / "quotes.csv"
    with atomic_output(target) as temporary:
        temporary.write_text("a,b\n")
        assert not target.exists()
        assert temporary.parent == tmp_path and temporary.suffix == ".csv"
    assert target.read_text() == "a,b\n"
    assert [p.name for p in tmp_path.iterdir()] == ["quotes.csv"]


def test_created_private_unless_asked(tmp_path):
    with atomic_output(tmp_path / "a.csv") as temporary:
        temporary.write_text("x")
    assert (tmp_path / "a.csv").stat().st_mode & 0o777 == 0o600
    with atomic_output(tmp_path / "b.csv", mode=0o644) as temporary:
        temporary.write_text("x")
    assert (tmp_path / "b.csv").stat().st_mode & 0o777 == 0o644


def test_an_error_leaves_the_old_file_and_no_debris(tmp_path):
    target = tmp_path / "quotes.csv"
    target.write_text("old")
    with pytest.raises(ZeroDivisionError):
        with atomic_output(target) as temporary:
            temporary.write_text("half")
            1 / 0
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["quotes.csv"]


def test_a_missing_folder_is_one_error_naming_the_file(tmp_path):
    target = tmp_path / "nowhere" / "quotes.csv"
    with pytest.raises(FileError, match="nowhere.*does not exist"):
        with atomic_output(target):
            pass


def test_an_os_error_while_writing_becomes_a_file_error(tmp_path):
    target = tmp_path / "quotes.csv"
    with pytest.raises(FileError, match="quotes.csv: cannot write \\(the disk is full\\)"):
        with atomic_output(target):
            raise OSError(28, "No space left on device")
    assert list(tmp_path.iterdir()) == []


def test_no_replace_refuses_a_file_that_appeared_meanwhile(tmp_path):
    target = tmp_path / "new.qda"
    with pytest.raises(FileError, match="already there"):
        with atomic_output(target, replace=False) as temporary:
            temporary.write_text("mine")
            target.write_text("theirs")
    assert target.read_text() == "theirs"
    assert [p.name for p in tmp_path.iterdir()] == ["new.qda"]


def test_debris_of_a_dead_process_is_swept(tmp_path):
    target = tmp_path / "new.qda"
    dead = os.fork()
    if dead == 0:
        os._exit(0)
    os.waitpid(dead, 0)
    left = partial_name(target, dead)
    left.write_text("half")
    (tmp_path / (left.name + "-wal")).write_text("log")
    with atomic_output(target, replace=False) as temporary:
        temporary.write_text("whole")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.qda"]


def test_a_log_left_by_a_deleted_project_is_never_replayed_into_a_new_one(tmp_path):
    """Deleting study.qda but not study.qda-wal, then making a new study.qda, must not let SQLite
    replay the old log into the new file (it did: "database disk image is malformed")."""
    import qda
    from qda.errors import ProjectError

    path = tmp_path / "study.qda"
    (tmp_path / "study.qda-wal").write_bytes(b"\x37\x7f\x06\x82" + bytes(28))  # a WAL header's magic number
    with pytest.raises(ProjectError, match="study.qda-wal: left from an earlier project"):
        qda.create_project(path)
    assert not path.exists()


@pytest.mark.parametrize("side", ["", "-wal", "-shm"], ids=["project", "its-wal", "its-shm"])
def test_an_output_never_replaces_an_open_project_or_its_log(tmp_path, side):
    import qda

    path = tmp_path / "study.qda"
    with qda.create_project(path) as project:
        target = path.with_name(path.name + side)
        before = target.read_bytes()
        with pytest.raises(FileError, match="in use|write-ahead log|shared-memory"):
            with atomic_output(target) as temporary:
                temporary.write_bytes(b"code,count\n")
        assert target.read_bytes() == before
        project.set_memo("project", "", "still written", "ana")
    with qda.open_project(path) as project:
        assert project.memo("project", "", "ana") == "still written"


def test_an_output_never_replaces_a_closed_project_named_like_it(tmp_path):
    """A project named study.csv and `qda stats study.csv -o study.csv`: the table would have
    replaced the project, which is closed by the time the table is written."""
    import qda

    path = tmp_path / "study.csv"
    qda.create_project(path).close()
    before = path.read_bytes()
    with pytest.raises(FileError, match="study.csv: an SQLite database"):
        with atomic_output(path) as temporary:
            temporary.write_bytes(b"code,count\n")
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["study.csv"]


def test_a_shared_memory_file_left_alone_does_not_stop_a_new_project(tmp_path):
    """Only a log is replayed into a new file of its name; SQLite rebuilds a -shm left without
    one, so that file is no sign of a database in use where no database is."""
    import qda

    path = tmp_path / "study.qda"
    path.with_name("study.qda-shm").write_bytes(b"\0" * 32768)
    with qda.create_project(path) as project:
        project.set_memo("project", "", "a new start", "ana")
    with qda.open_project(path) as project:
        assert project.memo("project", "", "ana") == "a new start"
