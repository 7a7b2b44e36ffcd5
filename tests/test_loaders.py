"""Every kind of file an admin or the CLI may feed in, good and bad."""

import io
import json
import zipfile

import pytest

from retrieval.errors import LoadError
from retrieval.loaders import load_bytes, load_jsonl, load_paths

ARABIC = "عقد الاجتماع الثلاثي في مينسك.\nوجاء في البيان أن معظم البنود تنفذ بنجاح."


def _docx(paragraphs: list[str]) -> bytes:
    import docx

    doc = docx.Document()
    for p in paragraphs:
        doc.add_paragraph(p)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _pdf(text: str, password: str | None = None) -> bytes:
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(300, 300)
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica")})
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})})
    stream = DecodedStreamObject()
    stream.set_data(f"BT /F1 12 Tf 20 200 Td ({text}) Tj ET".encode())
    page[NameObject("/Contents")] = writer._add_object(stream)
    if password:
        writer.encrypt(password)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


@pytest.mark.parametrize("name, data", [
    ("a.txt", ARABIC.encode()),
    ("a.md", ARABIC.encode("utf-8-sig")),
    ("a.txt", ARABIC.encode("cp1256")),  # legacy Arabic Windows encoding
    ("a.html", f"<html><head><title>اجتماع مينسك</title></head><body><article><p>{ARABIC}</p>"
               f"<p>{ARABIC}</p></article></body></html>".encode()),
    ("a.docx", _docx(ARABIC.splitlines())),
])
def test_good_files(name, data):
    [article] = load_bytes(name, data).articles
    assert "مينسك" in article.text and article.title and article.id == "a"


def test_pdf_text():
    [article] = load_bytes("r.pdf", _pdf("Lavrov met Bayramov in Minsk")).articles
    assert "Bayramov" in article.text


@pytest.mark.parametrize("name, data, reason", [
    ("a.txt", b"", "empty"),
    ("a.txt", b"  \n\t ", "empty"),
    ("a.txt", b"\x00\x01\x02binary\x00", "binary"),
    ("a.txt", "Ünïcödé".encode("latin-1") + b"\xff\xfe\x81", "not UTF-8"),
    ("a.exe", b"MZ....", "unsupported"),
    ("a", b"text", "unsupported"),
    ("a.pdf", b"%PDF-1.4 this is not really a pdf", "PDF"),
    ("a.pdf", _pdf("secret", password="pw"), "password"),
    ("a.docx", b"PK\x03\x04 broken zip", "DOCX"),
    ("a.html", b"<html><body><nav>menu</nav></body></html>", "no article text"),
])
def test_bad_files_get_a_clear_reason(name, data, reason):
    with pytest.raises(LoadError, match=reason):
        load_bytes(name, data)


def test_docx_compression_bomb_is_refused():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", b"\0" * (120 * 1024 * 1024))
    with pytest.raises(LoadError, match="compression bomb"):
        load_bytes("bomb.docx", buf.getvalue())


def test_oversized_file_is_refused():
    with pytest.raises(LoadError, match="limit"):
        load_bytes("big.txt", b"a" * (20 * 1024 * 1024 + 1))


def test_jsonl_reports_line_numbers_and_keeps_the_rest():
    lines = [
        json.dumps({"id": "x1", "title": "t", "text": ARABIC, "date": "2021-10-14", "source": "TASS", "url": "u"}),
        "{not json",
        json.dumps({"id": "x2"}),
        json.dumps(["a", "list"]),
        "",
        json.dumps({"text": "نص بلا معرف ولا عنوان"}),
    ]
    loaded = load_jsonl("\n".join(lines), "f.jsonl")
    assert [a.id for a in loaded.articles][0] == "x1"
    assert len(loaded.articles) == 2
    assert loaded.articles[1].title == "نص بلا معرف ولا عنوان" and loaded.articles[1].id
    where = [w for w, _ in loaded.errors]
    assert where == ["f.jsonl:2", "f.jsonl:3", "f.jsonl:4"]
    assert "no text" in dict(loaded.errors)["f.jsonl:3"]


def test_folders_are_walked(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "one.txt").write_text(ARABIC, encoding="utf-8")
    (tmp_path / "two.md").write_text("---\nid: \"custom\"\ntitle: \"T\"\n---\n" + ARABIC, encoding="utf-8")
    (tmp_path / "skip.png").write_bytes(b"\x89PNG")
    (tmp_path / ".hidden.txt").write_text("x", encoding="utf-8")
    loaded = load_paths([tmp_path, tmp_path / "missing.txt"])
    assert sorted(a.id for a in loaded.articles) == ["custom", "one"]
    assert loaded.errors == [(str(tmp_path / "missing.txt"), "no such file or folder")]
