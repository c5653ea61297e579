"""The catalogue's strings for a file's problems shown as notices (`sispam.ui.file_notice`): the
settings and the progress files as they load, a file that cannot be written (merged into
`sispam.ui.i18n.CATALOGUE`). The English is the message as the layers below say it."""

from __future__ import annotations

NOTICES: dict[str, dict[str, str]] = {
    "notice.then.defaults": {"id": "; memakai pengaturan bawaan", "en": "; using the default settings"},
    "notice.then.no_progress": {"id": "; mulai tanpa kemajuan kampanye tersimpan", "en": "; starting with no progress"},
    "notice.then.dropped": {"id": "; entri dibuang", "en": "; entry dropped"},
    "notice.cannot_read": {"id": "{path}: tidak dapat dibaca: {reason}", "en": "{path}: cannot read: {reason}"},
    "notice.not_plain_file": {"id": "{path}: bukan berkas biasa", "en": "{path}: is not a plain file"},
    "notice.too_large": {"id": "{path}: lebih besar dari {kb} KB; tidak dibaca",
                         "en": "{path}: larger than {kb} KB; not read"},
    "notice.surrogate": {"id": "{path}:{line}: ada karakter yang bukan teks (escape surrogate UTF-16 tunggal seperti "
                               "\\ud800); diganti dengan {mark}",
                         "en": "{path}:{line}: a character that is not text (a lone UTF-16 surrogate escape such as "
                               "\\ud800); replaced by {mark}"},
    "notice.not_utf8": {"id": "{path}: bukan teks UTF-8", "en": "{path}: not UTF-8 text"},
    "notice.not_json": {"id": "{path}: bukan JSON: {what} (baris {line} kolom {column})",
                        "en": "{path}: not JSON: {what} (line {line} column {column})"},
    "notice.too_deep": {"id": "{path}: JSON tidak dapat dipakai: bersarang terlalu dalam",
                        "en": "{path}: not usable JSON: nested too deeply"},
    "notice.long_number": {"id": "{path}:{line}: tidak dapat dipakai: ada angka dengan lebih dari {digits} digit; "
                                 "tidak ada nilai dalam berkas ini yang sepanjang itu",
                           "en": "{path}:{line}: not usable: a number with more than {digits} digits: no value in "
                                 "this file can be that long"},
    "notice.no_home": {"id": "tidak ada folder home untuk menyimpan data permainan (HOME tidak diatur); isi "
                             "SISPAM_DATA_DIR dengan folder untuk itu",
                       "en": "cannot find a home folder to keep the game's data in (no HOME); set SISPAM_DATA_DIR "
                             "to a folder for it"},
    "notice.settings_not_object": {"id": "{path}: harus berupa objek JSON berisi pengaturan, bukan {kind}",
                                   "en": "{path}: must be a JSON object of settings, not {kind}"},
    "notice.progress_not_object": {"id": "{path}: harus berupa objek JSON, bukan {kind}",
                                   "en": "{path}: must be a JSON object, not {kind}"},
    "notice.unknown_setting": {"id": "{path}: {key}: pengaturan tidak dikenal, diabaikan",
                               "en": "{path}: {key}: unknown setting, ignored"},
    "notice.unknown_field": {"id": "{path}: {key}: kunci tidak dikenal, diabaikan",
                             "en": "{path}: {key}: unknown field, ignored"},
    "notice.empty_level_name": {"id": "{path}: {field}: nama level tidak boleh kosong",
                                "en": "{path}: {field}: the level name must not be empty"},
    "notice.must_be": {"id": "{path}: {field}: harus {rule}, bukan {value}",
                       "en": "{path}: {field}: must be {rule}, not {value}"},
    "notice.rule.window": {"id": "[lebar, tinggi] dalam piksel, dari {low} sampai {high}",
                           "en": "[width, height] in pixels, from {low} to {high}"},
    "notice.rule.bool": {"id": "true atau false", "en": "true or false"},
    "notice.rule.lang": {"id": "\"id\" atau \"en\"", "en": "\"id\" or \"en\""},
    "notice.rule.bool_or_null": {"id": "true, false atau null (belum dipilih)",
                                 "en": "true, false or null (not chosen yet)"},
    "notice.rule.share": {"id": "angka dari 0 sampai 1", "en": "a number from 0 to 1"},
    "notice.rule.pin": {"id": "\"\" (tanpa PIN) atau SHA-256 sebuah PIN dalam hex",
                        "en": "\"\" (no PIN) or a PIN's SHA-256 in hex"},
    "notice.rule.line": {"id": "satu baris paling banyak {n} karakter", "en": "a line of at most {n} characters"},
    "notice.rule.version": {"id": "{n}", "en": "{n}"},
    "notice.rule.levels": {"id": "objek berisi level", "en": "an object of levels"},
    "notice.rule.entry": {"id": "objek berisi won, best_score dan attempts",
                          "en": "an object with won, best_score and attempts"},
    "notice.rule.score": {"id": "bilangan bulat dari 0 sampai 100, atau null",
                          "en": "a whole number from 0 to 100 or null"},
    "notice.rule.count": {"id": "bilangan bulat dari 0 ke atas", "en": "a whole number from 0 up"},
    "notice.rule.played": {"id": "paling sedikit 1 untuk level yang pernah dimenangkan atau diberi skor",
                           "en": "at least 1 for a level that was won or scored"},
    "notice.kind.null": {"id": "null", "en": "null"},
    "notice.kind.true/false": {"id": "true/false", "en": "true/false"},
    "notice.kind.an object": {"id": "objek", "en": "an object"},
    "notice.kind.a list": {"id": "daftar (list)", "en": "a list"},
    "notice.kind.a string": {"id": "string (teks)", "en": "a string"},
    "notice.kind.a number": {"id": "angka", "en": "a number"},
    "notice.file_not_folder": {"id": "{path}: tidak dapat ditulis: {folder} adalah berkas, bukan folder",
                               "en": "{path}: cannot write: {folder} is a file, not a folder"},
    "notice.cannot_write": {"id": "{path}: tidak dapat ditulis: {reason}", "en": "{path}: cannot write: {reason}"},
    "notice.no_folder": {"id": "{path}: folder {folder} tidak ada", "en": "{path}: folder {folder} does not exist"},
    "notice.folder_read_only": {"id": "{path}: folder {folder} tidak dapat ditulisi",
                                "en": "{path}: folder {folder} is not writable"},
    "notice.is_folder": {"id": "{path}: ini sebuah folder; berikan nama berkas yang akan ditulis",
                         "en": "{path}: is a directory; give the name of a file to write"},
    "notice.is_special": {"id": "{path}: bukan berkas biasa (tautan, perangkat atau pipe); berikan nama berkas yang "
                                "akan ditulis",
                          "en": "{path}: is not a plain file (a link, device or pipe); give the name of a file to "
                                "write"},
    "notice.cannot_make_folder": {"id": "{path}: tidak dapat membuat folder {folder}: {reason}",
                                  "en": "{path}: cannot create folder {folder}: {reason}"},
    "notice.replays_folder": {"id": "{path}: tidak dapat membuat folder untuk rekaman ulang: {reason}",
                              "en": "{path}: cannot make the folder for replays: {reason}"},
    "notice.records.none": {"id": "{path}: belum ada rekaman latihan", "en": "{path}: no training records yet"},
    "notice.records.cannot_open": {"id": "{path}: rekaman latihan tidak dapat dibuka: {reason}",
                                   "en": "{path}: cannot open the training records: {reason}"},
    "notice.records.newer": {"id": "{path}: rekaman latihan versi {version}, ditulis oleh Sispam yang lebih baru; "
                                   "Sispam ini membaca versi {ours}",
                             "en": "{path}: training records of version {version}, written by a newer Sispam; this "
                                   "one reads version {ours}"},
    "notice.records.foreign": {"id": "{path}: berkas ini basis data, tetapi bukan rekaman latihan Sispam; pindahkan berkas "
                                     "ini, lalu permainan membuat yang baru",
                               "en": "{path}: is a database, but not Sispam's training records; move it away and the "
                                     "game starts a new one"},
    "notice.records.damaged": {"id": "{path}: rekaman latihan rusak ({reason}); dibiarkan apa adanya: pindahkan "
                                     "berkasnya untuk memulai catatan baru",
                               "en": "{path}: the training records are damaged ({reason}); they are left as they "
                                     "are: move the file away to start new records"},
    "notice.records.busy": {"id": "{path}: rekaman latihan sedang dipakai program lain; coba lagi setelah program "
                                  "itu ditutup",
                            "en": "{path}: the training records are in use by another program; try again when it "
                                  "is closed"},
    "notice.records.read_only": {"id": "{path}: rekaman latihan tidak dapat ditulis (berkas atau foldernya hanya-baca)",
                                 "en": "{path}: the training records cannot be written (the file or its folder is "
                                       "read-only)"},
    "notice.records.unusable": {"id": "{path}: rekaman latihan tidak dapat dipakai: {reason}",
                                "en": "{path}: the training records cannot be used: {reason}"},
    "notice.records.cannot_store": {"id": "{path}: hasil tidak dapat disimpan: {reason}",
                                    "en": "{path}: cannot store the result: {reason}"},
    "notice.records.cannot_read": {"id": "{path}: rekaman latihan tidak dapat dibaca: {reason}",
                                   "en": "{path}: cannot read the training records: {reason}"},
    "notice.debrief_name": {"id": "{path}: nama berkas ini bukan teks UTF-8; ganti namanya untuk mengekspor anevnya",
                            "en": "{path}: the file's name is not UTF-8 text; rename it to export its debrief"},
    "notice.debrief_folder": {"id": "{path}: ini sebuah folder; anev tidak dapat ditulis di sana",
                              "en": "{path}: is a folder; the debrief cannot be written there"},
}
