"""Text from files made safe: lone UTF-16 surrogates in JSON, file names that are not UTF-8."""

from __future__ import annotations

import json

from sispam.textsafe import lone_surrogates, printable, text_path


def test_a_lone_surrogate_is_replaced_and_its_own_line_named_not_an_emojis():
    text = '{"a": ["ok",\n "\\ud83d\\ude00"],\n "b": {"x\\ud800": "y\\udc00z"}}'
    data, line = lone_surrogates(text, json.loads(text))
    assert data == {"a": ["ok", "\U0001f600"], "b": {"x\ufffd": "y\ufffdz"}} and line == 3
    pair = '{"b": "\\ud83d\\ude00"}'
    assert lone_surrogates(pair, json.loads(pair)) == ({"b": "\U0001f600"}, 0)


def test_a_deep_nesting_the_json_reader_took_is_walked_without_recursion():
    deep = "[" * 950 + '"\\ud800"' + "]" * 950  # as deep as the JSON reader goes
    data, line = lone_surrogates(deep, json.loads(deep))
    assert line == 1
    for _ in range(950):
        data = data[0]
    assert data == "\ufffd"


def test_names_that_are_not_utf8_become_writable_text():
    assert text_path("lvl\udcff.toml") == "lvl\ufffd.toml"  # a byte kept by surrogateescape
    assert text_path("a\ud800b") == "a\ufffdb"  # a surrogate no byte stands for
    assert text_path("biasa.toml") == "biasa.toml"
    assert printable("a\ud800b") == "a\\ud800b"
