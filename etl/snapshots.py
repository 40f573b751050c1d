"""Raw snapshots under data/snapshots/<source>/: the files as published, each source with a snapshot.toml
naming the publisher, licence and retrieval date, and per file where it came from (repository, path,
commit, url; `extract` says how it differs from the published file), its sha256 and size. A build reads
only verified snapshots; `take` copies new raw files in, and `fetch` downloads them again from their url."""
from __future__ import annotations

import hashlib
import os
import shutil
import tomllib
import urllib.request
from dataclasses import dataclass
from datetime import date
from itertools import groupby
from pathlib import Path

import tomli_w

from common.errors import EtlError

MANIFEST = "snapshot.toml"
HEADER = ("# Snapshot of the raw files the ETL reads from this source. Metadata written by hand from PROVENANCE.md;\n"
          "# sha256 and bytes are written by `python -m etl snapshot --from DIR` (and `fetch --accept`).\n")
# Provenance notes copied beside the files, when the source folder has one.
PROVENANCE_NOTES = ("PROVENANCE.md", "README.md")
FETCH_TIMEOUT_S = 60


@dataclass
class Change:
    """What a snapshot or fetch did to one file: added, changed, unchanged, refused, failed, skipped or todo."""

    key: str
    status: str
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.status:<9} {self.key}" + (f" ({self.detail})" if self.detail else "")


def sha256_file(path: Path) -> str:
    """A file's SHA-256; EtlError (one line) if it is missing or cannot be read."""
    try:
        with open(path, "rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except FileNotFoundError:
        raise EtlError(path, "file not found") from None
    except OSError as exc:
        raise EtlError(path, f"cannot read file ({exc.strerror or exc})") from None


def load(folder: Path) -> dict:
    """A source's manifest; EtlError if it is missing or not valid TOML."""
    path = folder / MANIFEST
    try:
        with open(path, "rb") as fh:
            return {"files": []} | tomllib.load(fh)
    except FileNotFoundError:
        raise EtlError(path, "file not found (every snapshot folder needs its manifest)") from None
    except tomllib.TOMLDecodeError as exc:
        raise EtlError(path, f"not valid TOML ({exc})") from None


def save(folder: Path, manifest: dict) -> None:
    """Write a manifest atomically: a reader never sees half of one."""
    tmp = folder / f".{MANIFEST}.tmp"
    tmp.write_text(HEADER + tomli_w.dumps(manifest), encoding="utf-8")
    os.replace(tmp, folder / MANIFEST)


def manifests(root: Path) -> dict[str, dict]:
    """Every source folder's manifest under `root`, by source folder name."""
    if not root.is_dir():
        raise EtlError(root, "snapshots folder not found")
    return {d.name: load(d) for d in sorted(root.iterdir()) if d.is_dir() and not d.name.startswith(".")}


def verify(root: Path, checksums: dict[str, str]) -> None:
    """Every input file ({"source/file": sha256}, as hashed for the build) is in its source's manifest
    with that checksum: a raw file edited by hand, or swapped without its manifest, fails the build."""
    listed = {f"{source}/{f['name']}": f.get("sha256") for source, m in manifests(root).items() for f in m["files"]}
    for key, actual in sorted(checksums.items()):
        if key.startswith("("):
            continue  # code, reference data and submissions: not snapshot files
        path = root / key
        if key not in listed:
            raise EtlError(path, f"not listed in {path.parent / MANIFEST} (add it with `python -m etl snapshot`)")
        if actual != listed[key]:
            raise EtlError(path, f"checksum {actual[:12]}… differs from {MANIFEST} ({str(listed[key])[:12]}…): "
                                 "a snapshot changes only through `python -m etl snapshot` or `fetch --accept`")


def _record(manifest: dict, entry: dict, path: Path, today: str) -> None:
    """A file's new checksum, size and retrieval date, which is also the source's."""
    entry.update(sha256=sha256_file(path), bytes=path.stat().st_size, retrieved=today)
    manifest["retrieved"] = today


def take(inputs: dict[str, Path], root: Path, today: str | None = None) -> list[Change]:
    """Copy raw files ({"source/file": path}, as etl.land.source_inputs finds them) into the snapshots under
    `root`: a changed or new file gets its checksum, size and retrieval date; a source without a manifest
    gets one with empty metadata to fill in by hand (the report says so)."""
    today = today or date.today().isoformat()
    changes = []
    for source, keys in groupby(inputs, key=lambda key: key.split("/")[0]):  # source by source, files as declared
        keys = list(keys)
        dest = root / source
        dest.mkdir(parents=True, exist_ok=True)
        new = {"source": source, "publisher": "", "licence": "", "retrieved": today, "files": []}
        manifest = load(dest) if (dest / MANIFEST).is_file() else new
        entries = {f["name"]: f for f in manifest["files"]}
        for key in keys:
            src, name = inputs[key], key.split("/", 1)[1]
            entry = entries.get(name) or {"name": name}
            if entry.get("sha256") == sha256_file(src) and (dest / name).is_file():
                changes.append(Change(key, "unchanged"))
                continue
            shutil.copyfile(src, dest / name)
            changes.append(Change(key, "changed" if entry.get("sha256") else "added"))
            if name not in entries:
                manifest["files"].append(entry)
            _record(manifest, entry, dest / name, today)
        for note in (inputs[keys[0]].parent / name for name in PROVENANCE_NOTES):
            if note.is_file():
                shutil.copyfile(note, dest / note.name)
        save(dest, manifest)
        if not manifest.get("publisher") or not manifest.get("licence"):  # a new source's are empty
            changes.append(Change(f"{source}/{MANIFEST}", "todo", "fill in publisher, licence and each file's origin"))
    return changes


def fetch(root: Path, source: str | None = None, accept: bool = False) -> list[Change]:
    """Download each snapshot file from its recorded `url` and compare it with the snapshot. A file whose
    bytes differ is refused (left as it is) unless `accept`, which replaces it and records the new checksum.
    Files without a url (the team's own, or with no public copy) are skipped with a note."""
    all_manifests = manifests(root)
    if source is not None and source not in all_manifests:
        raise EtlError(root / source, "no such snapshot source")
    changes = []
    for name, manifest in all_manifests.items():
        if source in (None, name):
            done = [_fetch_file(root / name, manifest, entry, accept) for entry in manifest["files"]]
            if any(c.status == "changed" for c in done):
                save(root / name, manifest)
            changes += done
    return changes


def _fetch_file(folder: Path, manifest: dict, entry: dict, accept: bool) -> Change:
    """Fetch one file of `manifest` (see fetch), through a hidden file that is never left behind."""
    key, url = f"{folder.name}/{entry['name']}", entry.get("url")
    if not url:
        return Change(key, "skipped", "no url recorded")
    if not url.startswith(("https://", "http://")):
        return Change(key, "refused", "the url is not http(s)")
    got = folder / f".fetch-{entry['name']}"
    try:
        with urllib.request.urlopen(url, timeout=FETCH_TIMEOUT_S) as resp, open(got, "wb") as out:  # noqa: S310
            shutil.copyfileobj(resp, out)
        digest = sha256_file(got)
        if digest == entry.get("sha256"):
            return Change(key, "unchanged")
        if not accept:
            why = f"sha256 {digest[:12]}… differs from the snapshot's {str(entry.get('sha256'))[:12]}…"
            if entry.get("extract"):
                why += "; the snapshot is an extract: " + entry["extract"]
            return Change(key, "refused", why + " (use --accept to take it)")
        os.replace(got, folder / entry["name"])
    except OSError as exc:  # urllib's URLError is an OSError
        return Change(key, "failed", str(getattr(exc, "reason", exc))[:200])
    finally:
        got.unlink(missing_ok=True)
    _record(manifest, entry, folder / entry["name"], date.today().isoformat())
    entry.pop("extract", None)  # the file is now the published one, byte for byte
    return Change(key, "changed", "accepted")
