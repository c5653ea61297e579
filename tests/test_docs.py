"""Generated documentation is up to date with the code it is generated from."""

from sispam.sim.police.reference import DOC, render


def test_the_order_reference_is_up_to_date():
    assert DOC.read_text(encoding="utf-8") == render(), "run: python -m sispam.sim.police.reference"
