"""Import file formats (CSV with BOM and `;`, XLSX) and the `gateway import` command itself."""

import datetime
import os
import pathlib
import pty
import re
import subprocess
import sys
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gateway.imports import UnreadableFile
from gateway.imports import import_file
from gateway.imports.cells import parse_decimal
from gateway.imports.reader import cell_text
from gateway.imports.reader import open_source

from .test_imports_kinds import CONTRACT_HEADER
from .test_imports_kinds import contracts_of
from .test_imports_products import EXAMPLES
from .test_imports_products import snapshot

FIXTURES = pathlib.Path(__file__).parents[1] / "fixtures" / "imports"


def test_bom_and_semicolon_with_decimal_comma_read_like_the_plain_file(db):
    """The fixture is products.csv as a French spreadsheet saves it: BOM, `;`, decimal comma."""
    raw = (FIXTURES / "products-bom-semicolon.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b";" in raw.splitlines()[0]
    with open_source(FIXTURES / "products-bom-semicolon.csv") as source:
        assert (source.separator, source.decimal_comma) == (";", True)
        assert source.header[0] == "sku"  # the BOM is not part of the first name
    report = import_file(db, "products", FIXTURES / "products-bom-semicolon.csv")
    assert (report.inserted, report.rejected) == (7, 0)
    from_semicolons = snapshot(db)
    report = import_file(db, "products", EXAMPLES / "products.csv")
    assert (report.unchanged, report.updated) == (7, 0)
    assert snapshot(db) == from_semicolons
    assert from_semicolons["CB-4001"]["prices"]["EUR"] == (Decimal("0.845"), Decimal("0.312"))


def test_decimal_comma_is_refused_in_a_comma_separated_file(db, tmp_path):
    path = tmp_path / "p.csv"
    path.write_text(
        'sku,manufacturer,category,unit,description_en,list_price_EUR\nA,B,C,EA,D,"1,5"\n'
    )
    report = import_file(db, "products", path)
    assert [str(p) for p in report.problems] == [
        "p.csv:2: list_price_EUR: '1,5' is not a decimal number (decimal comma only in ';' files)"
    ]


def write_xlsx(path: pathlib.Path, rows: list[list]) -> pathlib.Path:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_xlsx_with_typed_cells_reads_like_the_csv(db, tmp_path):
    header = [
        "sku",
        "manufacturer",
        "category",
        "unit",
        "lead_time_days",
        "active",
        "description_en",
        "list_price_EUR",
        "cost_EUR",
    ]
    path = write_xlsx(
        tmp_path / "products.xlsx",
        [
            header,
            ["X-1", "Acme", "tools", "EA", 3, True, "Hammer", 12.5, 0.1],
            [None] * len(header),  # an empty row is skipped
            ["X-2", "Acme", "tools", "EA", None, False, "Saw", 1899, "7.25"],
        ],
    )
    report = import_file(db, "products", path)
    assert report.summary() == "products.xlsx: 2 inserted, 0 updated, 0 unchanged, 0 rejected"
    stored = snapshot(db)
    assert stored["X-1"]["prices"] == {"EUR": (Decimal("12.5"), Decimal("0.1"))}
    assert (stored["X-1"]["lead_time_days"], stored["X-1"]["active"]) == (3, True)
    assert stored["X-2"]["prices"] == {"EUR": (Decimal("1899"), Decimal("7.25"))}
    assert (stored["X-2"]["lead_time_days"], stored["X-2"]["active"]) == (None, False)
    csv = tmp_path / "products.csv"
    csv.write_text(
        ",".join(header) + "\nX-1,Acme,tools,EA,3,true,Hammer,12.50,0.10\n"
        "X-2,Acme,tools,EA,,false,Saw,1899.00,7.25\n"
    )
    assert import_file(db, "products", csv).unchanged == 2


def test_xlsx_bad_row_is_named_by_its_sheet_row(db, tmp_path):
    path = write_xlsx(
        tmp_path / "bad.xlsx",
        [
            ["sku", "manufacturer", "category", "unit", "description_en", "list_price_EUR"],
            ["X-1", "Acme", "tools", "EA", "Hammer", 12.5],
            [None, None, None, None, None, None],
            ["X-2", "Acme", "tools", "EA", "Saw", 1e20],
        ],
    )
    report = import_file(db, "products", path)
    assert [str(p) for p in report.problems] == [
        "bad.xlsx:4: list_price_EUR: '1e+20' is not a decimal number"
    ]
    assert snapshot(db) == {}


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (True, "true"),
        (12, "12"),
        (12.0, "12"),
        (0.1, "0.1"),
        (1899.99, "1899.99"),
        (datetime.datetime(2026, 1, 31), "2026-01-31"),
        (datetime.datetime(2026, 1, 31, 8, 30), "2026-01-31T08:30:00"),
        (datetime.date(2026, 2, 1), "2026-02-01"),
        ("  padded ", "padded"),
    ],
)
def test_xlsx_cells_become_the_text_a_csv_would_hold(value, text):
    assert cell_text(value) == text


def test_an_xlsx_percentage_is_read_as_excel_shows_it(db, tmp_path):
    """A percent-off typed as `10%` is stored as 0.1 with the format `0%`: read as the number
    alone, it became a 0.1 percent discount. Read as shown, it is refused like `10%` in a CSV."""
    import_file(db, "entities", EXAMPLES / "entities.csv")
    header = CONTRACT_HEADER.strip().split(",")
    common = ["C-1", "Test", "", "EUR", "2026-01-01", "2026-12-31", "ACME-FR"]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    sheet.append([*common, "r1", "percent_off", "all", "", 1, 0.1])
    sheet.append([*common, "r1", "percent_off", "all", "", 10, 0.125])
    sheet.append([*common, "r2", "percent_off", "category", "laptops", 1, 12.5])
    sheet["M2"].number_format = "0%"
    sheet["M3"].number_format = "0.00%"
    sheet["M4"].number_format = '0.0" %"'  # a quoted sign: shown 12.5 %, the number is 12.5
    book.save(tmp_path / "contracts.xlsx")
    report = import_file(db, "contracts", tmp_path / "contracts.xlsx")
    assert [str(p) for p in report.problems] == [
        "contracts.xlsx:2: value: '10%' is not a decimal number",
        "contracts.xlsx:3: value: '12.50%' is not a decimal number",
    ]
    assert contracts_of(db) == {}


@pytest.mark.parametrize(
    ("value", "number_format", "text"),
    [
        (0.1, "0%", "10%"),
        (1, "0%", "100%"),
        (0.125, "0.00%", "12.50%"),
        (0.005, "0%", "1%"),  # Excel rounds half away from zero
        (-0.25, "0%;[Red]-0%", "-25%"),
        (1e300, "0%", f"{10**302}%"),
        (0.1, "General", "0.1"),
        (12.5, '0.0" %"', "12.5"),  # a quoted or escaped sign is literal text
        (12.5, "0.0\\%", "12.5"),
        ("10%", "@", "10%"),
    ],
)
def test_an_xlsx_number_under_a_percent_format_is_the_text_excel_shows(value, number_format, text):
    assert cell_text(value, number_format) == text


def test_a_file_that_is_not_utf8_is_refused_whole(db, tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes(
        b"sku,manufacturer,category,unit,description_en\nA-1,Acme,tools,EA,Hammer\n"
        b"A-2,Acme,tools,EA,\xe9cran\n"
    )
    with pytest.raises(UnreadableFile, match=r"^latin1.csv: line 3 is not UTF-8 text \(byte 19\)$"):
        import_file(db, "products", path)
    assert snapshot(db) == {}


@pytest.mark.parametrize("kind", ["products", "categories", "entities", "contracts", "partners"])
def test_a_file_holding_a_nul_character_is_refused_whole(db, tmp_path, kind):
    """PostgreSQL refused the rows (products: a traceback from its bulk COPY; the others: an
    error naming the database, not the line); SQLite stored the character."""
    lines = (EXAMPLES / f"{kind}.csv").read_bytes().split(b"\n")
    lines[2] = lines[2][:3] + b"\0" + lines[2][3:]
    path = tmp_path / f"{kind}.csv"
    path.write_bytes(b"\n".join(lines))
    message = rf"^{kind}.csv: line 3 holds a NUL character \(U\+0000\) at byte 4$"
    with pytest.raises(UnreadableFile, match=message):
        import_file(db, kind, path)
    assert snapshot(db) == {}


def test_a_row_longer_than_the_header_is_rejected(db, tmp_path):
    path = tmp_path / "wide.csv"
    path.write_text("sku,manufacturer,category,unit,description_en\nA,B,C,EA,D,surplus\n")
    report = import_file(db, "products", path)
    assert [str(p) for p in report.problems] == [
        "wide.csv:2: column 6: the row has more cells than the header (5)"
    ]


SHORT_HEADER = "sku,manufacturer,category,unit,description_de,list_price_EUR,lead_time_days"


def test_a_csv_row_shorter_than_the_header_is_rejected(cli, db, tmp_path):
    """The row's missing cells were read as empty ones, which clear a stored value: a row cut
    short after the description wiped the product's list price and lead time ("1 updated")."""
    path = tmp_path / "products.csv"
    path.write_text(f"{SHORT_HEADER}\nPC-0000001,HP,desktops,C62,Desktop-PC HP,499.00,5\n")
    assert cli("import", "products", str(path)).exit_code == 0
    before = snapshot(db)
    path.write_text(f"{SHORT_HEADER}\nPC-0000001,HP,desktops,C62,Desktop-PC HP\n")
    result = cli("import", "products", str(path))
    assert result.exit_code == 1
    assert result.stderr == (
        "products.csv:2: list_price_EUR: the row has 5 cells, fewer than the header (7)\n"
    )
    assert snapshot(db) == before


def _without_dimension(path: pathlib.Path) -> pathlib.Path:
    """The workbook as some writers save it: no <dimension> in the sheet, so openpyxl ends each
    row at its last non-empty cell."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = re.sub(rb"<dimension [^>]*/>", b"", parts[sheet])
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


@pytest.mark.parametrize("dimension", [True, False])
def test_an_xlsx_row_with_empty_trailing_cells_is_read_as_such(db, tmp_path, dimension):
    """An XLSX file does not store empty cells: a row whose last cells are empty is shorter than
    the header in the file itself, and those cells are empty, not missing."""
    path = write_xlsx(
        tmp_path / "products.xlsx",
        [
            SHORT_HEADER.split(","),
            ["PC-1", "HP", "desktops", "C62", "Desktop-PC HP", 499, 5],
            ["PC-2", "HP", "desktops", "C62", "Desktop-PC HP mini", None, None],
        ],
    )
    if not dimension:
        _without_dimension(path)
    report = import_file(db, "products", path)
    assert report.summary() == "products.xlsx: 2 inserted, 0 updated, 0 unchanged, 0 rejected"
    stored = snapshot(db)
    assert (stored["PC-2"]["prices"], stored["PC-2"]["lead_time_days"]) == ({}, None)
    assert stored["PC-1"]["prices"] == {"EUR": (Decimal(499), None)}


def test_command_prints_summary_and_exits_zero(cli):
    result = cli("import", "products", str(EXAMPLES / "products.csv"))
    assert result.exit_code == 0
    assert result.stdout == "products.csv: 7 inserted, 0 updated, 0 unchanged, 0 rejected\n"
    assert result.stderr == ""


def test_command_reports_rejected_rows_on_stderr_and_exits_one(cli, db, tmp_path):
    path = tmp_path / "products.csv"
    path.write_text(
        "sku,manufacturer,category,unit,description_en\nA,Acme,tools,EA,Hammer\nB,,tools,EA,Saw\n"
    )
    result = cli("import", "products", str(path))
    assert result.exit_code == 1
    assert result.stderr == "products.csv:3: manufacturer: is required\n"
    assert result.stdout == (
        "products.csv: 0 inserted, 0 updated, 0 unchanged, 1 rejected"
        " (2 rows read; nothing applied)\n"
    )
    assert snapshot(db) == {}


def test_command_refuses_an_unknown_column_and_exits_two(cli, tmp_path):
    path = tmp_path / "entities.csv"
    path.write_text("code,name,currency,colour\n")
    result = cli("import", "entities", str(path))
    assert result.exit_code == 2
    assert result.stderr == (
        "error: entities.csv: header: unknown column 'colour'; missing required column "
        "'bill_to_street', 'bill_to_postal_code', 'bill_to_city', 'bill_to_country'\n"
    )


@given(st.decimals(min_value=0, max_value=10**13, places=4, allow_nan=False))
def test_a_decimal_reads_back_exactly_with_point_or_comma(amount):
    text = f"{amount:f}"
    assert parse_decimal(text) == amount
    assert parse_decimal(text.replace(".", ","), decimal_comma=True) == amount
    assert parse_decimal(text.replace(".", ","), decimal_comma=False) is None or "." not in text


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e300, max_value=1e300))
def test_an_xlsx_number_becomes_text_that_is_the_same_number(value):
    text = cell_text(value)
    assert float(text) == value
    if parse_decimal(text) is not None:
        assert Decimal(text) == Decimal(repr(value))


def test_a_file_of_another_kind_is_named_as_such(db):
    from gateway.imports import HeaderError

    with pytest.raises(HeaderError) as raised:
        import_file(db, "contracts", FIXTURES / "products-bom-semicolon.csv")
    assert str(raised.value) == (
        "products-bom-semicolon.csv: header: no column of a contracts file: is it one?"
    )


def test_progress_is_reported_in_bytes_up_to_the_file_size(db, tmp_path):
    path = tmp_path / "products.csv"
    lines = [f"P-{n},Acme,tools,EA,Item {n}\n" for n in range(2500)]
    path.write_text("sku,manufacturer,category,unit,description_en\n" + "".join(lines))
    calls = []
    import_file(db, "products", path, progress=lambda done, total: calls.append((done, total)))
    size = path.stat().st_size
    assert [total for _done, total in calls] == [size] * 3
    assert 0 < calls[0][0] < calls[1][0] < calls[2][0] == size


def _run_with_stderr_on(terminal: bool, database_url: str, tmp_path, path) -> tuple[str, str]:
    """(stdout, stderr) of `gateway import products PATH`, stderr a terminal or a pipe."""
    env = dict(
        os.environ,
        GATEWAY_DATABASE_URL=database_url,
        GATEWAY_INSTANCE_PATH=str(tmp_path / "instance"),
        GATEWAY_SECRET_KEY="progress-test-" + "z" * 32,
    )
    command = [os.path.join(os.path.dirname(sys.executable), "gateway"), "import", "products"]
    if not terminal:
        done = subprocess.run(
            [*command, str(path)], env=env, capture_output=True, text=True, timeout=120
        )
        return done.stdout, done.stderr
    leader, follower = pty.openpty()
    with subprocess.Popen(
        [*command, str(path)], env=env, stdout=subprocess.PIPE, stderr=follower
    ) as process:
        os.close(follower)
        drawn = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal closed with the process
                break
            if not chunk:
                break
            drawn += chunk
        out = process.stdout.read().decode()
    os.close(leader)
    return out, drawn.decode()


def test_a_progress_bar_is_drawn_on_a_terminal_and_only_there(database_url, tmp_path):
    path = tmp_path / "products.csv"
    lines = [f"P-{n},Acme,tools,EA,Item {n}\n" for n in range(2500)]
    path.write_text("sku,manufacturer,category,unit,description_en\n" + "".join(lines))
    out, drawn = _run_with_stderr_on(True, database_url, tmp_path, path)
    assert out == "products.csv: 2500 inserted, 0 updated, 0 unchanged, 0 rejected\n"
    assert "products  [####" in drawn and "100%" in drawn
    out, piped = _run_with_stderr_on(False, database_url, tmp_path, path)
    assert out == "products.csv: 0 inserted, 0 updated, 2500 unchanged, 0 rejected\n"
    assert piped == ""


def test_a_csv_with_the_empty_trailing_columns_excel_writes_imports_like_xlsx(cli, db, tmp_path):
    """German Excel saves `;;` after the last column: the header was refused, column 6 and 7
    having no name, while the same layout in XLSX was accepted."""
    path = tmp_path / "products.csv"
    path.write_text(
        "sku;manufacturer;category;unit;description_de;;\n"
        "TR-1;Acme;tools;C62;Zange;;\n"
        "TR-2;Acme;tools;C62;Hammer\n",
        encoding="utf-8",
    )
    result = cli("import", "products", str(path))
    assert (result.exit_code, result.stdout) == (
        0,
        "products.csv: 2 inserted, 0 updated, 0 unchanged, 0 rejected\n",
    )
    assert sorted(snapshot(db)) == ["TR-1", "TR-2"]
    path.write_text(
        "sku;manufacturer;category;unit;description_de;;\nTR-3;Acme;tools;C62;Zange;;oops\n",
        encoding="utf-8",
    )
    result = cli("import", "products", str(path))
    assert (result.exit_code, result.stderr) == (
        1,
        "products.csv:2: column 6: the row has more cells than the header (5)\n",
    )


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("sku,unit\n".encode("utf-16"), "UTF-16 text; save it as CSV UTF-8 or XLSX"),
        ("sku,unit\n".encode("utf-16-le"), "UTF-16 text; save it as CSV UTF-8 or XLSX"),
        ("sku,unit\n".encode("utf-16-be"), "UTF-16 text; save it as CSV UTF-8 or XLSX"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504,
            "an Excel 97-2003 .xls workbook; save it as XLSX",
        ),
    ],
)
def test_utf16_text_and_a_legacy_xls_say_what_they_are(cli, db, tmp_path, content, reason):
    """Both were refused for their first NUL byte ("line 1 holds a NUL character at byte 4"),
    which said neither what the file is nor how to save it."""
    path = tmp_path / "products.csv"
    path.write_bytes(content)
    result = cli("import", "products", str(path))
    assert (result.exit_code, result.stderr) == (2, f"error: products.csv: {reason}\n")


def test_a_thousands_separator_in_a_semicolon_file_is_named(cli, db, tmp_path):
    """`1.234,5` in a `;` file was refused "(decimal comma only in ';' files)": the file is
    `;`-separated; the fault is the thousands separator."""
    path = tmp_path / "products.csv"
    path.write_text(
        "sku;manufacturer;category;unit;description_de;list_price_EUR\n"
        "TS-1;Acme;tools;C62;Zange;1.234,5\n"
        "TS-2;Acme;tools;C62;Zange;1 234,5\n"
        "TS-3;Acme;tools;C62;Zange;1234,5\n",
        encoding="utf-8",
    )
    result = cli("import", "products", str(path))
    assert (result.exit_code, result.stderr) == (
        1,
        "products.csv:2: list_price_EUR: '1.234,5' is not a decimal number"
        " (write it without thousands separators)\n"
        "products.csv:3: list_price_EUR: '1 234,5' is not a decimal number"
        " (write it without thousands separators)\n",
    )
