"""python -m ngotext: the command line."""
from .cli import app

app(prog_name="ngotext")
