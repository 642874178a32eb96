"""The reference for the HTTP rows: a bare Flask page, served by the same gunicorn set-up as casebook."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello() -> str:
    """The cheapest page Flask can serve."""
    return "hello"
