"""Tone checks, one module per family; each check is a function (text, Context) -> list[Flag]."""
