"""The benchmark measures what it says: a packed crowd loading a line, full step against bare."""

from sispam.bench import measure, measure_command, packed_scenario


def test_benchmark_scenario_packs_a_crowd_against_a_line():
    scenario = packed_scenario(500)
    assert scenario.crowd[0].count == 500
    assert scenario.units[0].officers >= 2 * 20


def test_benchmark_measures_a_loaded_line_and_both_step_times():
    result = measure(300)
    assert result["bodies"] > 300  # the crowd and the officers
    assert result["line_load_kn"] > 1.0  # the crowd really pushes
    assert result["bare_ms"] > 0.0
    assert abs(result["ratio"] - result["full_ms"] / result["bare_ms"]) < 1e-9
    assert result["ratio_low"] <= result["ratio"] <= result["ratio_high"]  # the median of the blocks


def test_command_benchmark_puts_200_officers_under_orders_and_times_their_logic():
    result = measure_command(300)
    assert result["officers"] == 200
    assert result["orders"] >= 2 * 7  # every unit got at least two orders in the timed steps
    assert 0.0 < result["command_ms"] < result["full_ms"]
    assert abs(result["ratio"] - result["full_ms"] / (result["full_ms"] - result["command_ms"])) < 1e-9


def test_benchmark_sizes_out_of_range_are_refused_in_one_line(capsys):
    """--sizes 99999999999 filled the memory for minutes; --level-people -1 ended in a
    CalledProcessError from its worker."""
    import pytest

    from sispam.bench import main

    for argv, says in ((["--sizes", "99999999999"], "--sizes must be from 1 to 20,000"),
                       (["--level-people", "-1"], "--level-people must be from 0 to 20,000"),
                       (["--command", "x"], "--command must be a whole number")):
        with pytest.raises(SystemExit) as ended:
            main(argv)
        assert ended.value.code == 2 and says in capsys.readouterr().err
