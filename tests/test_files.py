"""File, Folder, documents and dialogs, run as 4D scripts in a temporary package folder.

Expected results come from developer.4d.com (API/FileClass, API/FolderClass, API/Document,
Concepts/paths, commands-legacy/document-to-text, text-to-document, get-4d-folder, request, confirm).
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from mini4d.cli import main


def run4d(folder: Path, code: str, stdin: str | None = None) -> tuple[int, str, str]:
    script = folder / "script.4dm"
    script.write_text(code, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    rc = main([str(script)], stdout=out, stderr=err, stdin=io.StringIO(stdin) if stdin is not None else None)
    return rc, out.getvalue(), err.getvalue()


def lines(folder: Path, code: str, stdin: str | None = None) -> list[str]:
    rc, out, err = run4d(folder, code, stdin)
    assert rc == 0, err
    return out.splitlines()


def test_file_names_and_paths_under_a_filesystem(tmp_path: Path) -> None:
    got = lines(
        tmp_path,
        '$f:=File("/PACKAGE/Archives/report.final.txt")\n'
        "ALERT($f.path)\nALERT($f.name)\nALERT($f.extension)\nALERT($f.fullName)\n"
        "ALERT(String($f.exists))\nALERT(String($f.isFile)+String($f.isFolder))\n"
        "ALERT($f.parent.path)\nALERT($f.parent.name)\nALERT($f.platformPath)\n"
        "ALERT(String($f.size))\n",
    )
    assert got == [
        "/PACKAGE/Archives/report.final.txt",
        "report.final",
        ".txt",
        "report.final.txt",
        "False",
        "TrueFalse",
        "/PACKAGE/Archives/",
        "Archives",
        str(tmp_path / "Archives" / "report.final.txt"),
        "0",
    ]


def test_folder_paths_end_with_a_slash_and_filesystems_map_to_the_package(tmp_path: Path) -> None:
    got = lines(
        tmp_path,
        'ALERT(Folder("/DATA").path)\nALERT(Folder("/DATA").platformPath)\n'
        'ALERT(Folder("/LOGS").platformPath)\nALERT(Folder("/RESOURCES/img").path)\n'
        "ALERT(Folder(fk database folder).path)\nALERT(Folder(fk data folder).path)\n"
        'ALERT(String(Folder("/DATA").isFolder))\nALERT(Folder("/DATA/a/../b").path)\n',
    )
    assert got == [
        "/DATA/",
        str(tmp_path / "Data") + "/",
        str(tmp_path / "Data" / "Logs") + "/",
        "/RESOURCES/img/",
        "/PACKAGE/",
        "/DATA/",
        "True",
        "/DATA/b/",
    ]


def test_project_filesystems(tmp_path: Path) -> None:
    methods = tmp_path / "App" / "Project" / "Sources" / "Methods"
    methods.mkdir(parents=True)
    (methods / "main.4dm").write_text(
        'ALERT(Folder("/PROJECT").platformPath)\nALERT(Folder("/SOURCES").platformPath)\n'
        'ALERT(Folder("/PACKAGE").platformPath)\nALERT(Get 4D folder(Database folder))\n',
        encoding="utf-8",
    )
    out, err = io.StringIO(), io.StringIO()
    assert main(["run", str(tmp_path / "App"), "--startup-method", "main"], stdout=out, stderr=err) == 0, err.getvalue()
    root = tmp_path / "App"
    assert out.getvalue().splitlines() == [
        f"{root}/Project/",
        f"{root}/Project/Sources/",
        f"{root}/",
        f"{root}/",
    ]


def test_create_set_text_get_text_and_line_breaks(tmp_path: Path) -> None:
    got = lines(
        tmp_path,
        '$f:=File("/DATA/notes/a.txt")\n'
        "ALERT(String($f.create()))\nALERT(String($f.create()))\n"  # created with its folders, then False
        '$f.setText("one"+Char(13)+"two"+Char(13)+Char(10)+"three")\n'
        "ALERT(String(Length($f.getText())))\n"  # native (LF) on reading
        '$t:=$f.getText("UTF-8"; Document with CRLF)\nALERT(String(Position(Char(13)+Char(10); $t)))\n'
        "ALERT(String($f.size))\n",
    )
    assert got == ["True", "False", "13", "4", "16"]  # 3-byte BOM + 13 bytes
    data = (tmp_path / "Data" / "notes" / "a.txt").read_bytes()
    assert data == b"\xef\xbb\xbfone\ntwo\nthree"  # setText: UTF-8 with a BOM, native line breaks


def test_get_text_honours_the_bom_and_character_sets(tmp_path: Path) -> None:
    (tmp_path / "latin.txt").write_bytes("café".encode("latin-1"))
    (tmp_path / "bom16.txt").write_bytes(b"\xff\xfe" + "thé".encode("utf-16-le"))
    got = lines(
        tmp_path,
        'ALERT(File("/PACKAGE/latin.txt").getText("ISO-8859-1"))\n'
        'ALERT(File("/PACKAGE/latin.txt").getText(4))\n'
        'ALERT(File("/PACKAGE/bom16.txt").getText("ISO-8859-1"))\n'  # the BOM wins
        'File("/PACKAGE/out.txt").setText("é"; "UTF-8-no-bom")\n',
    )
    assert got == ["café", "café", "thé"]
    assert (tmp_path / "out.txt").read_bytes() == "é".encode()


def test_copy_move_rename_delete(tmp_path: Path) -> None:
    got = lines(
        tmp_path,
        '$src:=Folder("/PACKAGE").file("a.txt")\n$src.setText("x")\n'
        '$dest:=Folder("/PACKAGE/dest")\n$dest.create()\n'
        "$copy:=$src.copyTo($dest)\nALERT($copy.path)\n"
        '$copy2:=$src.copyTo($dest; "b.txt")\nALERT($copy2.fullName)\n'
        "$over:=$src.copyTo($dest; fk overwrite)\nALERT($over.fullName)\n"
        "Try\n  $src.copyTo($dest)\nCatch\n  ALERT(String(Last errors[0].errCode))\nEnd try\n"
        '$moved:=$copy2.moveTo(Folder("/PACKAGE"); "c.txt")\nALERT($moved.path)\nALERT(String($copy2.exists))\n'
        '$renamed:=$moved.rename("d.md")\nALERT($renamed.fullName)\n'
        'ALERT(JSON Stringify($dest.files().extract("fullName")))\n'
        "$renamed.delete()\nALERT(String($renamed.exists))\n"
        '$renamed.delete()\nALERT("no error for a missing file")\n',
    )
    assert got == [
        "/PACKAGE/dest/a.txt",
        "b.txt",
        "a.txt",
        "-48",
        "/PACKAGE/c.txt",
        "False",
        "d.md",
        '["a.txt"]',
        "False",
        "no error for a missing file",
    ]


def test_files_and_folders_listing(tmp_path: Path) -> None:
    (tmp_path / "d" / "sub").mkdir(parents=True)
    for name in ("d/b.txt", "d/a.4dm", "d/.hidden", "d/sub/c.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    got = lines(
        tmp_path,
        '$d:=Folder("/PACKAGE/d")\n'
        'ALERT(JSON Stringify($d.files().extract("fullName")))\n'
        'ALERT(JSON Stringify($d.files(fk ignore invisible).extract("fullName")))\n'
        'ALERT(JSON Stringify($d.files(fk recursive+fk ignore invisible).extract("path")))\n'
        'ALERT(JSON Stringify($d.folders().extract("name")))\n'
        'ALERT($d.file("sub/c.txt").getText())\nALERT($d.folder("sub").file("../b.txt").path)\n',
    )
    assert got == [
        '[".hidden","a.4dm","b.txt"]',
        '["a.4dm","b.txt"]',
        '["/PACKAGE/d/a.4dm","/PACKAGE/d/b.txt","/PACKAGE/d/sub/c.txt"]',
        '["sub"]',
        "x",
        "/PACKAGE/d/b.txt",
    ]


def test_folder_delete_options_and_errors(tmp_path: Path) -> None:
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x.txt").write_text("x", encoding="utf-8")
    got = lines(
        tmp_path,
        'Try\n  Folder("/PACKAGE/full").delete()\nCatch\n  ALERT(String(Last errors[0].errCode))\nEnd try\n'
        'Try\n  Folder("/PACKAGE/none").delete()\nCatch\n  ALERT(String(Last errors[0].errCode))\nEnd try\n'
        'Folder("/PACKAGE/none").delete(Delete with contents)\n'
        'Folder("/PACKAGE/full").delete(Delete with contents)\nALERT(String(Folder("/PACKAGE/full").exists))\n',
    )
    assert got == ["-47", "-120", "False"]


def test_path_errors(tmp_path: Path) -> None:
    rc, out, err = run4d(tmp_path, '$f:=File("notes.txt")\n')
    assert rc == 1 and "error 90014" in err and "not an absolute path" in err and "script.4dm:1:5" in err
    rc, out, err = run4d(tmp_path, '$f:=File("/DATA/../../x")\n')
    assert rc == 1 and "goes above the DATA filesystem" in err
    rc, out, err = run4d(tmp_path, '$f:=Folder("/DATA").file("/abs")\n')
    assert rc == 1 and "relative to the folder" in err
    rc, out, err = run4d(tmp_path, '$t:=File("/PACKAGE/missing.txt").getText()\n')
    assert rc == 1 and "error -43" in err


def test_document_to_text_and_text_to_document(tmp_path: Path) -> None:
    got = lines(
        tmp_path,
        'TEXT TO DOCUMENT("plain.txt"; "a"+Char(13)+"b")\n'
        'ALERT(String(Length(Document to text("plain.txt"; "UTF-8"; Document unchanged))))\n'
        'TEXT TO DOCUMENT("crlf.txt"; "a"+Char(13)+"b"; "UTF-8"; Document with CRLF)\n'
        f'ALERT(Document to text("{tmp_path}/plain.txt"))\n',
    )
    assert got == ["3", "a", "b"]
    assert (tmp_path / "plain.txt").read_bytes() == b"a\nb"  # UTF-8 without BOM, native breaks
    assert (tmp_path / "crlf.txt").read_bytes() == b"a\r\nb"
    rc, _, err = run4d(tmp_path, '$t:=Document to text("nothing.txt")\n')
    assert rc == 1 and "error -43" in err


def test_get_4d_folder(tmp_path: Path) -> None:
    got = lines(
        tmp_path,
        "ALERT(Get 4D folder(Database folder))\nALERT(Get 4D folder(Current resources folder))\n"
        "ALERT(Get 4D folder(Logs folder))\nALERT(Get 4D folder(Data folder))\nALERT(String(OK))\n",
    )
    assert got == [f"{tmp_path}/", f"{tmp_path}/Resources/", f"{tmp_path}/Data/Logs/", f"{tmp_path}/Data/", "1"]
    assert (tmp_path / "Resources").is_dir() and (tmp_path / "Data" / "Logs").is_dir()  # created when asked


def test_request_and_confirm_read_standard_input(tmp_path: Path) -> None:
    code = (
        '$n:=Request("Name?"; "Bob")\nALERT("["+$n+"] "+String(OK))\n'
        '$n:=Request("Again?"; "Zed")\nALERT("["+$n+"] "+String(OK))\n'
        'CONFIRM("Sure?")\nALERT(String(OK))\nCONFIRM("Delete?"; "Delete"; "Keep")\nALERT(String(OK))\n'
    )
    rc, out, err = run4d(tmp_path, code, stdin="Ann\n\nno\nDelete\n")
    assert (rc, err) == (0, "")
    assert out.splitlines() == [
        "Name? [Bob] ",
        "[Ann] 1",
        "Again? [Zed] ",
        "[Zed] 1",
        "Sure? [OK/Cancel] ",
        "0",
        "Delete? [Delete/Keep] ",
        "1",
    ]


def test_request_without_an_answer_is_a_clear_error(tmp_path: Path) -> None:
    rc, out, err = run4d(tmp_path, '$n:=Request("Name?")\n', stdin="")
    assert rc == 1 and "standard input has no more lines" in err
    rc, out, err = run4d(tmp_path, 'CONFIRM("Sure?")\n')  # no standard input at all (embedded, notebook)
    assert rc == 1 and "error 90060" in err and "has none" in err


def test_message_and_application_info(tmp_path: Path) -> None:
    got = lines(
        tmp_path,
        'MESSAGE("Step 1")\nMESSAGE("Step 2"+Char(13))\n$i:=Application info\n'
        "ALERT(String($i.headless)+String(Value type($i.pid)=Is real))\n",
    )
    assert got == ["Step 1", "Step 2", "True" + "True"]


def test_log_event_default_goes_to_the_system_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import syslog

    seen: list[tuple[int, str]] = []
    monkeypatch.setattr(syslog, "syslog", lambda level, msg: seen.append((level, msg)))
    monkeypatch.setattr(syslog, "openlog", lambda *a: None)
    got = lines(
        tmp_path,
        'LOG EVENT("started")\nLOG EVENT(Into Windows log events; "careful"; Warning message)\n'
        'LOG EVENT(Into system standard outputs; "visible")\nLOG EVENT(Into 4D diagnostic log; "dropped")\n',
    )
    assert got == ["visible"]
    assert seen == [(syslog.LOG_INFO, "started"), (syslog.LOG_WARNING, "careful")]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_is_writable(tmp_path: Path) -> None:
    (tmp_path / "ro.txt").write_text("x", encoding="utf-8")
    (tmp_path / "ro.txt").chmod(0o444)
    assert lines(tmp_path, 'ALERT(String(File("/PACKAGE/ro.txt").isWritable))\n') == ["False"]
