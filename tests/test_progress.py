"""The progress bar shows on a terminal and stays out of pipes and files."""

import io

from sispam.progress import Progress


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_draws_on_a_terminal():
    out = FakeTerminal()
    bar = Progress(600.0, out)
    bar.update(300.0)
    bar.update(600.0)
    bar.close()
    text = out.getvalue()
    assert "50%" in text and "100%" in text and "t 600/600 s" in text
    assert text.endswith("\n")


def test_progress_bar_is_hidden_when_output_is_not_a_terminal():
    out = io.StringIO()
    bar = Progress(600.0, out)
    bar.update(300.0)
    bar.close()
    assert out.getvalue() == ""
