"""Two coders at two terminals: writes from several processes are all kept and seen at once."""

from __future__ import annotations

import multiprocessing

import qda


def _add_codings(path: str, coder: str, count: int) -> None:
    with qda.open_project(path) as project:
        for i in range(count):
            project.add_coding("P01_police_limanorte", "Shame", i, i + 10, coder)


def test_a_coding_is_seen_by_another_process_at_once(sample_project_path):
    with qda.open_project(sample_project_path) as reader:
        assert reader.codings() == []
        context = multiprocessing.get_context("spawn")
        process = context.Process(target=_add_codings, args=(str(sample_project_path), "ana", 1))
        process.start()
        process.join(60)
        assert process.exitcode == 0
        assert len(reader.codings()) == 1


def test_ten_processes_adding_200_codings_each_lose_nothing(sample_project_path):
    context = multiprocessing.get_context("spawn")
    processes = [context.Process(target=_add_codings, args=(str(sample_project_path), f"coder{i}", 200)) for i in range(10)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(300)
    assert [p.exitcode for p in processes] == [0] * 10
    with qda.open_project(sample_project_path) as project:
        frame = project.codings_table(with_text=False)
    assert len(frame) == 2000
    assert frame.groupby("coder").size().tolist() == [200] * 10
