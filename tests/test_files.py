"""Input decoding and atomic output."""

import os

import pytest

from haliref.files import InputError, decode, read_input, write_atomic


def test_utf8_with_bom_decodes_without_warning():
    assert decode("\ufeffAnn Roe, Café (1990)".encode("utf-8")) == ("Ann Roe, Café (1990)", [])


def test_cp1252_falls_back_with_a_warning():
    text, warnings = decode("Ann Roe, Café – Life (1990)".encode("cp1252"))
    assert text == "Ann Roe, Café – Life (1990)"
    assert warnings and "cp1252" in warnings[0]


def test_latin1_is_the_last_resort():
    text, warnings = decode(b"Caf\xe9 \x81 (1990)")
    assert text == "Café \x81 (1990)" and "latin-1" in warnings[0]


@pytest.mark.parametrize(("data", "message"), [
    (b"", "empty"),
    (b"  \n\t\n", "empty"),
    (b"\x7fELF\x02\x01\x01\x00\x00\x00", "binary"),
    (bytes(range(32)) * 10, "binary"),
])
def test_bad_bytes_are_refused(data, message):
    with pytest.raises(InputError, match=message):
        decode(data)


def test_missing_and_directory_paths(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_input(str(tmp_path / "nope.txt"))
    with pytest.raises(InputError, match="directory"):
        read_input(str(tmp_path))


def test_atomic_write_replaces_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "out.bib"
    target.write_text("old")
    write_atomic(str(target), "new")
    assert target.read_text() == "new"
    assert os.listdir(tmp_path) == ["out.bib"]


def test_refuses_to_overwrite_the_input_and_bad_targets(tmp_path):
    source = tmp_path / "in.txt"
    source.write_text("data")
    with pytest.raises(InputError, match="overwrite the input"):
        write_atomic(str(source), "x", inputs=(str(source),))
    assert source.read_text() == "data"
    with pytest.raises(InputError, match="directory"):
        write_atomic(str(tmp_path), "x")
    with pytest.raises(InputError, match="does not exist"):
        write_atomic(str(tmp_path / "missing" / "out.bib"), "x")


def test_atomic_write_in_pieces_keeps_the_old_output_when_a_piece_fails(tmp_path):
    target = tmp_path / "out.bib"
    target.write_text("old")
    write_atomic(str(target), iter(["a", "b", "c"]))
    assert target.read_text() == "abc"

    def failing():
        yield "half"
        raise ValueError("the exporter failed")

    with pytest.raises(ValueError, match="exporter failed"):
        write_atomic(str(target), failing())
    assert target.read_text() == "abc"
    assert os.listdir(tmp_path) == ["out.bib"]
