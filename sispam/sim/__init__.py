"""The crowd simulation: pymunk bodies driven by numpy arrays. Never imports pygame."""
