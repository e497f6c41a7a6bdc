"""A reproducible .tar.gz of a folder: sorted entries, fixed times and
owners, no build path; the same folder gives the same bytes."""

from __future__ import annotations

import gzip
import io
import tarfile
from pathlib import Path


def write_reproducible_tarball(folder: Path, target: Path, *, prefix: str, mtime: int) -> None:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for path in sorted(folder.rglob("*"), key=lambda p: p.relative_to(folder).as_posix()):
            info = tar.gettarinfo(str(path), arcname=f"{prefix}/{path.relative_to(folder).as_posix()}")
            info.mtime = mtime
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            info.mode = 0o755 if path.is_dir() else 0o644
            info.pax_headers = {}
            if path.is_file():
                with path.open("rb") as data:
                    tar.addfile(info, data)
            else:
                tar.addfile(info)
    with target.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=mtime, compresslevel=9) as gz:
        gz.write(buffer.getvalue())
