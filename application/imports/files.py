"""What a file must be to be read at all, and the refusals of one that is not: too large, empty, not a spreadsheet,
a workbook locked with a password, one that unpacks to far more than it weighs. A refusal records nothing."""

from __future__ import annotations

import io
import zipfile
from enum import StrEnum
from pathlib import PurePath

import olefile

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 50_000
MAX_UNPACKED = 256 * 1024 * 1024
MAX_PARTS = 10_000
ZIP_MAGIC = b"PK\x03\x04"
WORKBOOK_EXTENSIONS = {".xlsx", ".xlsm"}
TEXT_EXTENSIONS = {".csv", ".txt", ""}


class FileKind(StrEnum):
    """How a file is read."""

    XLSX = "xlsx"
    CSV = "csv"


class FileRefused(Exception):
    """A file that is not read: ``status`` the HTTP status it stands for, ``rule`` a stable code, ``message`` why,
    in Chinese with an English gloss."""

    def __init__(self, status: int, rule: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.rule = rule
        self.message = message


def too_many_rows() -> FileRefused:
    return FileRefused(
        413, "import.too_many_rows", f"表格超过 {MAX_ROWS:,} 行，请分成几个文件导入 (more than {MAX_ROWS:,} rows)"
    )


def unreadable(detail: str) -> FileRefused:
    message = f"无法读取该工作簿，请用 Excel 打开后另存为 .xlsx 再导入 (unreadable workbook: {detail})"
    return FileRefused(422, "import.unreadable", message)


def kind_of(data: bytes, filename: str) -> FileKind:
    """Whether ``data`` is read as a workbook or as CSV text, judged by its content; ``FileRefused`` for a file
    that is neither, a workbook with a password, or one that unpacks to more than ``MAX_UNPACKED`` bytes."""
    if not data:
        raise FileRefused(422, "import.empty", "文件是空的 (the file is empty)")
    if len(data) > MAX_BYTES:
        raise FileRefused(
            413, "import.too_large", f"文件超过 {MAX_BYTES // 1024 // 1024} MiB (the file is larger than 20 MiB)"
        )
    extension = PurePath(filename or "").suffix.lower()
    if data.startswith(ZIP_MAGIC):
        _check_package(data)
        return FileKind.XLSX
    if olefile.isOleFile(data=data):
        raise _container_refusal(data)
    if extension in TEXT_EXTENSIONS and b"\x00" not in data[:8192]:
        return FileKind.CSV
    raise not_a_spreadsheet()


def not_a_spreadsheet() -> FileRefused:
    return FileRefused(
        415,
        "import.not_a_spreadsheet",
        "不是电子表格：请上传 .xlsx 工作簿或 .csv 文件 (not a spreadsheet: send an .xlsx or a .csv file)",
    )


def _container_refusal(data: bytes) -> FileRefused:
    """A compound file is either a workbook locked with a password (its package stored encrypted inside) or an old
    ``.xls`` workbook."""
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as container:
            encrypted = container.exists("EncryptedPackage")
    except OSError:
        encrypted = False
    if encrypted:
        return FileRefused(
            422,
            "import.encrypted",
            "工作簿设有打开密码：请在 Excel 中取消密码后另存再导入 (the workbook is protected by a password)",
        )
    return FileRefused(
        415,
        "import.old_workbook",
        "这是旧版 .xls 工作簿：请在 Excel 中另存为 .xlsx 再导入 (an .xls workbook: save it as .xlsx)",
    )


def _check_package(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            parts = package.infolist()
    except (zipfile.BadZipFile, ValueError) as error:
        raise unreadable(str(error)) from None
    if "xl/workbook.xml" not in {part.filename for part in parts}:
        raise not_a_spreadsheet()
    if len(parts) > MAX_PARTS or sum(part.file_size for part in parts) > MAX_UNPACKED:
        raise FileRefused(
            413,
            "import.unpacks_too_large",
            f"工作簿解压后超过 {MAX_UNPACKED // 1024 // 1024} MiB，疑为压缩炸弹，未读取 "
            "(the workbook unpacks to far more than it weighs)",
        )
