"""The validation battery: test scenarios built in code, run headless, measured and compared with
published pedestrian data (Weidmann's fundamental diagram, bottleneck flows, counterflow lanes,
the RiMEA tests, crowd pressure), written as a Markdown and HTML report with SVG plots.

    cases.py     the scenarios          runs.py     running one and recording
    measure.py   numbers from records   suite.py    which cases, at what size
    checks.py    judging against the references
    svg.py       plots                  report.py   report.md / report.html / results.json
    levelfile.py a case as a level file (--levels)
    command.py   the command line (python -m sispam.validate, game.py validate)

Imports the simulation and the level layer, never pygame or the UI.
"""
