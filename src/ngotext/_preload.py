"""Imported by the process pool's fork server: the models load there once, and every
worker forked from it starts with them in (copy-on-write shared) memory."""
from .runner import _warm_up

_warm_up()
