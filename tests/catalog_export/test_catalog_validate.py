"""The validator: each error and each warning, on the line where it is, starting from the
golden CIF file (which itself has no problem at all) with one defect put in."""

import io
import re
import zipfile

import pytest
from openpyxl import load_workbook

from catalog_export import Severity
from catalog_export import UnreadableCatalog
from catalog_export import validate_file
from catalog_export import write_xlsx

E, W = Severity.ERROR, Severity.WARNING


@pytest.fixture
def golden(fixtures_dir) -> bytes:
    return (fixtures_dir / "catalog.cif").read_bytes()


def replaced(content: bytes, old: str, new: str) -> bytes:
    assert old.encode() in content, old
    return content.replace(old.encode(), new.encode(), 1)


def test_golden_file_has_no_problem(golden):
    report = validate_file(io.BytesIO(golden))
    assert report.problems == () and report.item_count == 4 and report.format == "cif"


# (what to replace, with what, code, severity, line)
CASES = [
    ("ITEMCOUNT: 4", "ITEMCOUNT: 5", "itemcount-mismatch", E, 7),
    ("ITEMCOUNT: 4", "ITEMCOUNT: four", "itemcount-format", E, 7),
    (",4.95,BX,", ",4.95,BX,2,", "field-count", E, 13),
    (",4.95,BX,", ",4;95,BX,", "number-format", E, 13),
    (",4.95,BX,", ",\u20ac4.95,BX,", "number-format", E, 13),
    (",0.0125,", ",0.01255,", "number-decimals", E, 14),
    (",2.40,EA,,", ",2.40,EA,3 days,", "number-format", E, 15),
    ("P-1002,,", ",,", "required-empty", E, 14),
    (",44122003,", ",,", "required-empty", E, 15),
    (",FALSE,\r\nAN01000000001,P-1003", ",maybe,\r\nAN01000000001,P-1003", "boolean-format", E, 14),
    ("P-1003", "P-1001", "duplicate-item", E, 15),
    ("CIF_I_V3.0", "CIF_I_V2.1", "version-line", E, 1),
    ("LOADMODE: F", "LOADMODE: X", "loadmode", E, 3),
    ("TIMESTAMP: 2024-05-01 10:00:00", "TIMESTAMP: yesterday", "timestamp-format", E, 8),
    ("CHARSET: UTF-8", "CHARSET: EBCDIC-XYZ", "charset-unknown", E, 2),
    (",Unit Price,", ",Price,", "missing-field", E, 11),
    ("Short Name,", "Lead Time,", "duplicate-field", E, 11),
    ("ITEMCOUNT: 4\r\n", "", "missing-header", E, 11),
    ("CURRENCY: EUR\r\n", "", "missing-header", E, 11),
    ("UNUOM: TRUE", "UNUOM TRUE", "header-line", E, 9),
    ("ENDOFDATA\r\n", "", "missing-endofdata", E, 16),
    ("DATA\r\n", "", "missing-data", E, 16),
    ("LOADMODE: F", "LOADMODE:\tF", "header-tab", W, 3),
    ("LOADMODE: F", "LOADMODE:,F", "header-comma", W, 3),
    ("LOADMODE: F", "LOADMODE: Full", "loadmode-long", W, 3),
    ("CHARSET: UTF-8", "CHARSET: UTF8", "charset-java-name", W, 2),
    ("TIMESTAMP: 2024-05-01 10:00:00", "TIMESTAMP: 2024-5-1 10:00:00", "timestamp-short", W, 8),
    ("TIMESTAMP: 2024-05-01 10:00:00", "TIMESTAMP: 5/1/24", "timestamp-short", W, 8),
    ("Supplier ID,Supplier Part ID,", "Supplier ID, Supplier Part ID,", "fieldnames-spaces", W, 11),
    ("UNUOM: TRUE", "DUNS: FALSE\r\nHOLIDAY: TRUE", "unknown-header", W, 10),
    (",PunchoutLevel", ",Colour", "unknown-field", W, 11),
    ("LOADMODE: F\r\n", "", "missing-header", W, 11),
    ("CHARSET: UTF-8\r\n", "", "missing-header", W, 11),
    (",BX,", ",Box,", "unit-code", W, 13),
    ("DATA\r\n", "DATA\r\n\r\n", "blank-line", W, 13),
    ("ENDOFDATA\r\n", "ENDOFDATA\r\ntrailing words\r\n", "after-endofdata", W, 18),
    ("CIF_I_V3.0", "\ufeffCIF_I_V3.0", "byte-order-mark", W, 1),
    ('"Kugelschreiber, blau"', '"Kugelschreiber,\r\nblau"', "line-break-in-field", W, 13),
]


@pytest.mark.parametrize(("old", "new", "code", "severity", "line"), CASES)
def test_each_problem_is_found_on_its_line(golden, old, new, code, severity, line):
    report = validate_file(io.BytesIO(replaced(golden, old, new)))
    found = [(p.code, p.severity, p.line) for p in report.problems]
    assert (code, severity, line) in found
    assert report.ok is all(p.severity is W for p in report.problems)


def test_only_warnings_means_ok(golden):
    content = replaced(golden, "LOADMODE: F", "LOADMODE:\tF")
    report = validate_file(io.BytesIO(content))
    assert report.ok and report.codes() == {"header-tab"}


def test_problems_name_the_field(golden):
    report = validate_file(io.BytesIO(replaced(golden, ",4.95,BX,", ",4,95,BX,")))
    assert [str(p) for p in report.errors] == [
        "line 13: error: 17 fields where FIELDNAMES names 16 [field-count]"
    ]
    report = validate_file(io.BytesIO(replaced(golden, ",4.95,BX,", ",n/a,BX,")))
    assert str(report.errors[0]) == (
        "line 13, Unit Price: error: Unit Price is not a number: 'n/a' [number-format]"
    )


def test_bytes_that_do_not_match_charset_are_errors(golden):
    latin1 = golden.replace("Büroklammer".encode(), "Büroklammer".encode("latin-1"), 1)
    report = validate_file(io.BytesIO(latin1))
    (problem,) = report.errors
    assert (problem.code, problem.line, problem.column) == ("charset-mismatch", 14, "byte 25")


def test_lf_line_ends_are_a_warning_and_mixed_ends_too(golden):
    report = validate_file(io.BytesIO(golden.replace(b"\r\n", b"\n")))
    assert report.ok and report.codes() == {"line-ends"}
    assert "LF only" in report.warnings[0].message
    mixed = golden.replace(b"\r\n", b"\n", 3)
    assert "mixed" in validate_file(io.BytesIO(mixed)).warnings[0].message


def test_many_identical_problems_are_summarised(golden):
    lines = golden.split(b"\r\n")
    bad_row = lines[13].replace(b",0.0125,", b",x,")
    rows = [bad_row.replace(b"P-1002", f"Q-{n}".encode()) for n in range(150)]
    content = b"\r\n".join([*lines[:6], b"ITEMCOUNT: 150", *lines[7:12], *rows, b"ENDOFDATA", b""])
    report = validate_file(io.BytesIO(content))
    assert len(report.errors) == 101
    assert report.errors[-1].message == "50 more like this not listed"


def test_unknown_formats_are_unreadable(tmp_path):
    with pytest.raises(UnreadableCatalog):
        validate_file(io.BytesIO(b"Name;Price\nPen;1,20\n"))
    with pytest.raises(UnreadableCatalog):
        validate_file(tmp_path / "missing.cif")


def test_validate_file_takes_a_path(tmp_path, golden):
    path = tmp_path / "acme.cif"
    path.write_bytes(golden)
    assert validate_file(path).ok and validate_file(str(path)).item_count == 4


def test_xlsx_cell_errors_name_row_and_column(header, items):
    out = io.BytesIO()
    write_xlsx(header, iter(items), out)
    out.seek(0)
    book = load_workbook(out)
    sheet = book["Catalog"]
    sheet["I3"] = "0,0125"
    sheet["G4"] = None
    sheet["K2"] = 2.5
    sheet["A4"] = "P-1001"
    edited = io.BytesIO()
    book.save(edited)
    edited.seek(0)
    report = validate_file(edited)
    assert sorted((p.code, p.line, p.column) for p in report.errors) == [
        ("duplicate-item", 4, ""),
        ("number-format", 2, "K (Lead Time)"),
        ("number-format", 3, "I (Unit Price)"),
        ("required-empty", 4, "G (SPSC Code)"),
    ]


def test_xlsx_item_count_must_match_the_export_sheet(header, items):
    out = io.BytesIO()
    write_xlsx(header, iter(items), out)
    out.seek(0)
    book = load_workbook(out)
    book["Catalog"].delete_rows(5)
    edited = io.BytesIO()
    book.save(edited)
    edited.seek(0)
    report = validate_file(edited)
    assert [p.code for p in report.errors] == ["itemcount-mismatch"]


BMECAT_HEADER_ONLY = (
    b'<?xml version="1.0"?><BMECAT version="2005" xmlns="http://www.bmecat.org/bmecat/2005">'
    b"<HEADER>"
)


@pytest.mark.parametrize("name", ["catalog.bmecat.xml", "catalog.index.xml"])
@pytest.mark.parametrize("kept", [0.5, 0.75, 0.99])
def test_an_xml_catalog_cut_short_is_an_error(fixtures_dir, name, kept):
    """libxml2 validating against a schema while it streams does not report a premature end:
    a file cut between two elements (as `head -c` or a broken download leaves it) passed."""
    whole = (fixtures_dir / name).read_bytes()
    assert validate_file(io.BytesIO(whole)).ok
    cut = whole[: whole.rindex(b">", 0, int(len(whole) * kept)) + 1]
    report = validate_file(io.BytesIO(cut))
    assert not report.ok
    closing = "</BMECAT>" if name.startswith("catalog.bmecat") else "</Index>"
    assert [(p.code, p.message) for p in report.errors] == [
        ("xml-truncated", f"premature end of data: no {closing} (file cut short?)")
    ]
    assert 1 <= report.errors[0].line <= cut.count(b"\n") + 1  # the last element read


@pytest.mark.parametrize("name", ["catalog.bmecat.xml", "catalog.index.xml"])
def test_an_xml_catalog_cut_inside_a_tag_says_where_it_ends(fixtures_dir, name):
    """Cut inside a tag (a download broken off anywhere): the error is on the last line, with
    its column and the hint, once, where lxml's text named the line three times and the report
    counted no item of the BMEcat. The Index's parser, with its schema attached, reads only a
    missing end between elements (test above)."""
    whole = (fixtures_dir / name).read_bytes()
    cut = whole[: whole.rindex(b"<", 0, len(whole) - 200) + 4]
    last_line = cut.count(b"\n") + 1
    report = validate_file(io.BytesIO(cut))
    [problem] = report.errors
    assert (problem.code, problem.line) == ("xml", last_line)
    assert re.fullmatch(r".+, column \d+; the file ends there \(cut short\?\)", problem.message)
    assert f"line {last_line}" not in problem.message, problem.message
    items = (b"</PRODUCT>", b"</IndexItemPunchout>", b"</IndexItemAdd>", b"</IndexItemDelete>")
    assert report.item_count == sum(cut.count(tag) for tag in items) > 0


def test_an_xml_error_inside_the_file_has_its_line_and_column_and_no_hint(fixtures_dir):
    whole = (fixtures_dir / "catalog.bmecat.xml").read_bytes()
    at = whole.index(b"<DESCRIPTION_SHORT>") + len(b"<DESCRIPTION_SHORT>")
    broken = whole[:at] + b"A & B " + whole[at:]
    line = broken[:at].count(b"\n") + 1
    column = at - broken.rindex(b"\n", 0, at) + 3  # libxml2's column: just past "A &"
    [problem] = validate_file(io.BytesIO(broken)).errors
    assert (problem.code, problem.line) == ("xml", line)
    assert problem.message == f"xmlParseEntityRef: no name, column {column}"


def test_an_xml_catalog_of_a_header_only_is_an_error():
    report = validate_file(io.BytesIO(BMECAT_HEADER_ONLY))
    assert [p.code for p in report.errors] == ["xml-truncated"]


def test_a_cif_cut_short_is_an_error(golden):
    cut = golden[: golden.index(b"ENDOFDATA")]
    assert "missing-endofdata" in [p.code for p in validate_file(io.BytesIO(cut)).errors]


def xlsx_without(content: bytes, part: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(out, "w") as copy:
        for entry in source.infolist():
            if entry.filename != part:
                copy.writestr(entry, source.read(entry))
    return out.getvalue()


def xlsx_with_cut_part(content: bytes, part: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(out, "w") as copy:
        for entry in source.infolist():
            data = source.read(entry)
            copy.writestr(entry, data[: len(data) // 2] if entry.filename == part else data)
    return out.getvalue()


def test_a_damaged_xlsx_is_unreadable_with_its_reason(header, items):
    out = io.BytesIO()
    write_xlsx(header, iter(items), out)
    whole = out.getvalue()
    damaged = {
        "cut short": whole[: len(whole) // 2],
        "no [Content_Types].xml": xlsx_without(whole, "[Content_Types].xml"),
        "catalog sheet cut short": xlsx_with_cut_part(whole, "xl/worksheets/sheet1.xml"),
    }
    for what, content in damaged.items():
        with pytest.raises(UnreadableCatalog) as refused:
            validate_file(io.BytesIO(content))
        message = str(refused.value)
        assert message.startswith("not a readable workbook: "), what
    with pytest.raises(UnreadableCatalog, match=r"^the file is empty$"):
        validate_file(io.BytesIO(b""))
