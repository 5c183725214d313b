"""`voicecoach devices` against the virtual microphone and against a machine with none."""

from __future__ import annotations

import json

import pytest

from tests.audio_server import VirtualMic
from voicecoach.audio.devices import NO_INPUT_DEVICE
from voicecoach.cli.main import main


@pytest.mark.audio
def test_lists_the_virtual_microphone_as_default(virtual_mic: VirtualMic, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["devices"]) == 0
    lines = capsys.readouterr().out.splitlines()
    default = [line for line in lines if line.startswith("*")]
    assert len(default) == 1 and "default" in default[0] and "Hz" in default[0]
    assert main(["devices", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert sum(r["is_default"] for r in rows) == 1
    assert all(r["max_input_channels"] > 0 for r in rows)


def test_no_device_is_one_line(no_audio_server: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["devices"]) == 2
    assert capsys.readouterr().err.strip() == f"voicecoach: {NO_INPUT_DEVICE}"
    assert main(["devices", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
