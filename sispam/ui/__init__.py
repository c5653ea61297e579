"""The pygame front end (SPEC §6): it draws the simulation's state and sends it orders; the
simulation never imports it."""
