"""Luigi wiring: tasks carry a typed Settings record, and their ids depend only on what decides the output."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

from pipeline.config import Settings
from pipeline.run.tasks import Publish, SettingsParameter


def publish(settings: Settings) -> Publish:
    return Publish(output_dir="out", settings=settings, input_dir="in", plan_key="p")


def test_tasks_settings_parameter_round_trips_the_record() -> None:
    settings = Settings(model="en_core_web_sm", base_iri="https://example.org/id/", shard_size=7)
    parameter = SettingsParameter()
    assert parameter.parse(parameter.serialize(settings)) == settings
    assert parameter.normalize(parameter.serialize(settings)) == settings
    assert publish(settings).settings is settings  # the record itself, not a string to re-parse


def test_tasks_id_is_that_of_the_settings_that_decide_the_output() -> None:
    settings = Settings()
    assert publish(settings).task_id == publish(dataclasses.replace(settings, workers=4)).task_id
    assert publish(settings).task_id != publish(dataclasses.replace(settings, shard_size=8)).task_id
    # A worker that rebuilds the task from its string parameters gets the same task.
    task = publish(settings)
    rebuilt = Publish.from_str_params(task.to_str_params())
    assert rebuilt.task_id == task.task_id and rebuilt.settings == settings


def test_tasks_id_is_the_same_in_another_process() -> None:
    code = (
        "from pipeline.config import Settings; from pipeline.run.tasks import Publish; "
        "print(Publish(output_dir='out', settings=Settings(), input_dir='in', plan_key='p').task_id)"
    )
    ids = {
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
        for _ in "ab"
    }
    assert ids == {publish(Settings()).task_id + "\n"}
