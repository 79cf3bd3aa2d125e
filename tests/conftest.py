"""Shared fixtures: real project files on disk, built from the bundled sample or by hand."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

import qda
from qda.ingest import import_files
from qda.ingest.codings import read_codings_csv
from qda.sample import sample_files

REPO = Path(__file__).resolve().parent.parent


def fresh_copy(template: Path, folder: Path) -> Path:
    """A copy of a session-wide project file (built once) that one test may change."""
    path = folder / template.name
    shutil.copyfile(template, path)
    return path


@pytest.fixture(scope="session", autouse=True)
def private_user_folders(tmp_path_factory):
    """The suite writes nothing into the user's home: the query parser's cache (qda/query/grammar.py
    reads $XDG_CACHE_HOME), matplotlib's font list and `qda code --sample`'s project go to this
    session's temporary folders, in this process and in every qda process a test starts."""
    with pytest.MonkeyPatch.context() as patch:
        for variable in ("XDG_CACHE_HOME", "XDG_DATA_HOME", "QDA_DATA"):
            patch.setenv(variable, str(tmp_path_factory.mktemp(variable.lower())))
        yield


@pytest.fixture(scope="session")
def sample_project_template(tmp_path_factory) -> Path:
    """The sample project (codebook, 12 interviews, attributes), built once per session."""
    path = tmp_path_factory.mktemp("template") / "sample.qda"
    files = sample_files()
    with qda.create_project(path, files.codebook) as project:
        import_files(project, files.transcripts, attributes=files.participants)
    return path


@pytest.fixture
def sample_project_path(sample_project_template: Path, tmp_path: Path, engine: str, request):
    """A fresh copy of the sample project that a test may change (a file, or a server database)."""
    return _on_engine(request, engine, sample_project_template, tmp_path)


@pytest.fixture
def sample_project(sample_project_path: Path):
    with qda.open_project(sample_project_path) as project:
        yield project


@pytest.fixture(scope="session")
def coded_template(sample_project_template: Path, tmp_path_factory) -> Path:
    """Built once per session: the sample project plus codings_ana.csv and codings_luis.csv."""
    path = tmp_path_factory.mktemp("coded") / "coded.qda"
    shutil.copyfile(sample_project_template, path)
    with qda.open_project(path) as project:
        for csv in sample_files().codings:
            project.add_codings(read_codings_csv(csv, project), label=f"{csv.name} line", first=2)
    return path


@pytest.fixture
def coded_path(coded_template: Path, tmp_path: Path, engine: str, request):
    """A fresh copy of the coded sample that a test may change (a file, or a server database)."""
    return _on_engine(request, engine, coded_template, tmp_path)


# The hand-built project of tests/analysis/handmade.py: every expected figure is worked out there.
_spec = importlib.util.spec_from_file_location("qda_handmade", REPO / "tests" / "analysis" / "handmade.py")
handmade = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(handmade)


@pytest.fixture(scope="session")
def hand_template(tmp_path_factory) -> Path:
    return handmade.build(tmp_path_factory.mktemp("hand"))


@pytest.fixture
def hand_path(hand_template: Path, tmp_path: Path, engine: str, request):
    return _on_engine(request, engine, hand_template, tmp_path)


@pytest.fixture
def hand(hand_path: Path):
    with qda.open_project(hand_path) as project:
        yield project


@pytest.fixture
def make_text_file(tmp_path: Path):
    """Write bytes or text to a file in the test's folder and return its path."""

    def make(name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
        return path

    return make


# -- the team server: the same projects on PostgreSQL ----------------------------------------------

# Test folders whose project fixtures run on both engines: a test there that takes
# sample_project(_path), coded_path, hand(_path) or what is built on them runs once on a file
# and once on a server database; marked file_only, on the file only (a file's bytes, locks,
# permissions, a picture per test name).  Tests that build their own project in tmp_path
# (formats read into a new file, a killed process) stay on the file.  A module elsewhere
# opts in with ``pytestmark = pytest.mark.both_engines``.
BOTH_ENGINES = ("store", "analysis", "cli", "agreement", "refi", "export", "server", "tui", "ingest", "hostile", "tests")


def pytest_sessionfinish(session):
    """Garbage collected once here, the heap the suite leaves then frozen (``gc.freeze``).

    At exit pytest (8.4, ``unraisableexception.cleanup``) collects garbage several times to report what
    the tests left unclosed; over the heap of the whole suite (spaCy, Textual, numpy) that took 7 s.
    An xdist worker still busy 5 s after the controller ends the session is sent SIGINT by execnet
    (``gateway_base._terminate_execution``): the stray KeyboardInterrupt, caught in hypothesis's gc
    callback, printed after the last test.  The collection here still reports the unclosed; the frozen
    objects are then skipped by pytest's passes (0.01 s)."""
    import gc

    gc.collect()
    gc.freeze()


def pytest_generate_tests(metafunc):
    if "engine" not in metafunc.fixturenames:
        return
    folder = Path(str(metafunc.definition.path)).parent.name
    both = ((folder in BOTH_ENGINES or metafunc.definition.get_closest_marker("both_engines"))
            and not metafunc.definition.get_closest_marker("file_only"))
    if both:  # elsewhere the engine fixture answers "file" and test ids (snapshot names) stay as they were
        metafunc.parametrize("engine", ["file", "server"], scope="function")


def _server_unavailable(reason: str):
    """Skip (or, under QDA_REQUIRE_SERVER_TESTS=1 as in CI, fail) a test that needs PostgreSQL."""
    import os

    if os.environ.get("QDA_REQUIRE_SERVER_TESTS") == "1":
        pytest.fail(f"QDA_REQUIRE_SERVER_TESTS=1, but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def pg_server():
    """A PostgreSQL for this test session (one per xdist worker): QDA_TEST_DATABASE_URL's server,
    or a throwaway cluster started here (tests/server_cluster.py)."""
    import os
    import tempfile

    from server_cluster import Cluster, Server, Unavailable

    try:
        import psycopg  # noqa: F401
    except ImportError:
        _server_unavailable("the server tests need psycopg: pip install -e '.[server]'")
    prefix = f"qda_test_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}_{os.getpid()}"
    url = os.environ.get("QDA_TEST_DATABASE_URL")
    if url:
        yield Server(url, prefix)
        return
    folder = Path(tempfile.mkdtemp(prefix="qda-pg-"))
    try:
        cluster = Cluster(folder)
    except Unavailable as error:
        shutil.rmtree(folder, ignore_errors=True)
        _server_unavailable(str(error))
    try:
        yield Server(cluster.url, prefix)
    finally:
        cluster.stop()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def server_database(pg_server):
    """A new, empty database for one test: (server, its name); dropped afterwards."""
    name = pg_server.create_database()
    yield pg_server, name
    server = sys.modules.get("qda.store.server")
    if server is not None:  # the test's pools of sessions with its database end with it, threads and all
        server.close_pools()
    pg_server.drop_database(name)


@pytest.fixture
def server_url(server_database):
    """The URL of a new, empty database (no project in it yet)."""
    server, name = server_database
    from qda.store.location import ServerUrl

    return ServerUrl(server.url(name))


_templates: dict[Path, str] = {}


def _on_engine(request, engine: str, template: Path, tmp_path: Path):
    """A fresh copy of the project file ``template``: a file in the test's folder, or a server
    database made from the pushed template (CREATE DATABASE ... TEMPLATE)."""
    if engine == "file":
        return fresh_copy(template, tmp_path)
    from qda.store.location import ServerUrl
    from qda.store.transfer import push

    server = request.getfixturevalue("pg_server")
    if template not in _templates:
        name = server.create_database()
        push(template, server.url(name))
        _templates[template] = name
    name = server.create_database(_templates[template])
    request.addfinalizer(lambda: server.drop_database(name))
    return ServerUrl(server.url(name))


@pytest.fixture
def engine() -> str:
    """Overridden by pytest_generate_tests: "file", or "server" in the folders of BOTH_ENGINES."""
    return "file"
