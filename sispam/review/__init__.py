"""Reading a run's record: reports now; scoring, replays and the after-action review later."""
