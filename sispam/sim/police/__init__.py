"""Police units: their types, formation slots and officers' bodies."""
