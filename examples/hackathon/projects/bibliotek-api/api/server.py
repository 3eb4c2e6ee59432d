"""A small Flask API answering which books are on the shelf."""

from flask import Flask, jsonify

app = Flask(__name__)


@app.get("/books/<isbn>")
def book(isbn: str):
    return jsonify({"isbn": isbn, "available": True})
