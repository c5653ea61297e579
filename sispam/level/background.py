"""A level's background picture (`[map.background]`): a site plan or aerial photo of the place,
drawn under the map for the instructor to trace the geometry over, and the rules for the file it
names.

A level names its assets by paths relative to its own folder, and they must stay inside it
(SPEC §5), so that a level folder can be shared as it is (`sispam.level.share`). The rules are
checked in two steps: `relative_path_problem` reads only the text of a path (no absolute path,
drive letter, backslash or `..`); `asset_problem` then looks at the file itself (inside the
folder once links are followed, a plain file, small enough, a PNG or JPEG by its first bytes and
not too many pixels). Nothing here decodes an image: the level layer never imports pygame.
"""

from __future__ import annotations

import os
import stat
import struct
from pathlib import Path, PurePosixPath
from typing import Annotated

from pydantic import Field, Strict

from sispam.level.fieldtypes import FileModel, Number, Vec2
from sispam.level.limits import MAX_MAP_SIDE_M

MAX_PICTURE_BYTES = 8 * 1024 * 1024
"""A background picture is at most 8 MB on disk."""

MAX_PICTURE_SIDE_PX = 8192
MAX_PICTURE_PIXELS = 24_000_000
"""At most 8192 pixels on a side and 24 million in all (a 6000 x 4000 drone photo): a small file
can declare a huge picture, and decoding it would take w x h x 4 bytes of memory."""

PICTURE_SUFFIXES = (".png", ".jpg", ".jpeg")
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"

# Characters that some file systems cannot store in a name (Windows refuses them all), and ':'
# also starts a drive letter or an NTFS stream.
_UNPORTABLE = frozenset(':*?"<>|')

PictureSide = Annotated[Number, Field(gt=0, le=10 * MAX_MAP_SIDE_M)]
Opacity = Annotated[Number, Field(ge=0, le=1)]


class BackgroundFile(FileModel):
    """The `[map.background]` table: a picture of the site drawn under the map, to trace over."""

    file: Annotated[str, Strict(), Field(min_length=1, max_length=255)] = Field(
        description="The picture, a .png, .jpg or .jpeg file inside the level's folder, as a path relative "
        'to it with / between folders (e.g. "kpu_site.png" or "pictures/aerial.jpg"); at most 8 MB and '
        f"{MAX_PICTURE_SIDE_PX} pixels on a side. No absolute path, drive letter, backslash or `..`."
    )
    origin: Vec2 = Field(
        default=(0.0, 0.0),
        description="Where the picture's lower-left (south-west) corner lies on the map, [x, y] in metres.",
    )
    size: tuple[PictureSide, PictureSide] | None = Field(
        default=None,
        description="The picture's width and height on the map in metres, each above 0; left out = the "
        "map's size (the picture covers the map exactly). Give the real extent so that 1 m on the "
        "picture is 1 m on the map.",
    )
    opacity: Opacity = Field(
        default=0.6, description="0 invisible to 1 fully opaque; the map's background colour shows through."
    )


def relative_path_problem(name: str) -> str | None:
    """What is wrong with `name` as a path inside a level's folder, by its text alone, or None.

    Refused: an empty name, control characters, a backslash, a drive letter or other characters
    some systems cannot store (`:*?"<>|`), an absolute path, empty or `.` components, and `..`.
    """
    if not name:
        return "is empty"
    if any(ord(c) < 32 or ord(c) == 127 for c in name):
        return "contains a control character"
    if len(name) >= 2 and name[1] == ":" and name[0].isascii() and name[0].isalpha():
        return "starts with a drive letter; give a path relative to the level's folder"
    if "\\" in name:
        return "contains a backslash; write paths with / between folders"
    if name.startswith("/"):
        return "is an absolute path; give a path relative to the level's folder"
    if any(c in _UNPORTABLE for c in name):
        return 'contains one of : * ? " < > |, which some systems cannot store in a file name'
    parts = name.split("/")
    if ".." in parts:
        return "goes up out of the level's folder (..); keep the file inside the level's folder"
    if any(part in ("", ".") for part in parts):
        return "has an empty or '.' folder in it; write it like pictures/site.png"
    return None


def asset_problem(name: str, folder: Path, suffixes: tuple[str, ...] = PICTURE_SUFFIXES) -> str | None:
    """What is wrong with the picture `name` of a level whose file is in `folder`, or None.

    Args:
        name: the path as the level file gives it.
        folder: the level file's folder.
        suffixes: the file name endings allowed (lower case).
    """
    problem = relative_path_problem(name)
    if problem is not None:
        return f'"{name}" {problem}'
    if not name.lower().endswith(suffixes):
        return f'"{name}" is not a picture: the file must end in ' + ", ".join(suffixes)
    try:
        home = folder.resolve(strict=True)
        path = folder / PurePosixPath(name)
        if not os.path.lexists(path):
            return f'"{name}": no such file in the level\'s folder'
        target = path.resolve(strict=True)
        if not target.is_relative_to(home):
            return f'"{name}" is a link to a file outside the level\'s folder; copy the file into the folder'
        mode = target.stat().st_mode
        if not stat.S_ISREG(mode):
            return f'"{name}" is not a plain file'
        size = target.stat().st_size
        if size > MAX_PICTURE_BYTES:
            return (f'"{name}" is {size / 1024 / 1024:.1f} MB; a background picture may be at most '
                    f"{MAX_PICTURE_BYTES // 1024 // 1024} MB")
        with target.open("rb") as f:
            head = f.read(MAX_PICTURE_BYTES + 1)
    except FileNotFoundError:
        return f'"{name}" is a link to a file that does not exist'
    except (OSError, RuntimeError) as e:  # RuntimeError: a loop of links
        reason = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
        return f'"{name}" cannot be read: {reason}'
    if len(head) > MAX_PICTURE_BYTES:
        return f'"{name}" is larger than {MAX_PICTURE_BYTES // 1024 // 1024} MB'
    if not head.startswith((PNG_MAGIC, JPEG_MAGIC)):
        return f'"{name}" is not a PNG or JPEG picture (its first bytes say otherwise)'
    pixels = picture_size(head)
    if pixels is None:
        return f'"{name}" is a damaged PNG or JPEG picture: its size in pixels cannot be read'
    w, h = pixels
    if w < 1 or h < 1 or max(w, h) > MAX_PICTURE_SIDE_PX or w * h > MAX_PICTURE_PIXELS:
        return (f'"{name}" is {w} x {h} pixels; a background picture may be at most {MAX_PICTURE_SIDE_PX} '
                f"pixels on a side and {MAX_PICTURE_PIXELS // 1_000_000} million pixels in all")
    return None


def picture_size(data: bytes) -> tuple[int, int] | None:
    """Width and height in pixels of a PNG or JPEG from its bytes (its header), or None."""
    if data.startswith(PNG_MAGIC):
        if len(data) < 24 or data[12:16] != b"IHDR":
            return None
        w, h = struct.unpack(">II", data[16:24])
        return w, h
    if data.startswith(JPEG_MAGIC):
        return _jpeg_size(data)
    return None


_JPEG_FRAMES = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}  # start-of-frame markers


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    i = 2
    while i + 4 <= len(data):
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if marker in (0x01, *range(0xD0, 0xD8)):  # markers without a length
            i += 2
            continue
        (length,) = struct.unpack(">H", data[i + 2:i + 4])
        if marker in _JPEG_FRAMES:
            if i + 9 > len(data):
                return None
            h, w = struct.unpack(">HH", data[i + 5:i + 9])
            return w, h
        if length < 2:
            return None
        i += 2 + length
    return None
