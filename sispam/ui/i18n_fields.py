"""The catalogue's strings for the level editor's help under a field (`sispam.ui.editor_form.description`):
what each key of a level file means, one entry per described field of every file model, keyed
`field.<Model>.<field>` by the model that declares it (`editor_form.help_key`: the events share their
base's `id`, `at_s`, `when` and `message`) (merged into `sispam.ui.i18n.CATALOGUE`). The English is the model's own
`Field(description=...)` word for word (`tests/ui/test_field_help.py` holds them together);
key names, values as the file writes them (`true`, `"exit"`) and units stay as they are.
Numbers a file holds keep their decimal point (0.3) in Indonesian, and thousands are written without a
separator (20000): 20.000 would read as a decimal in the file itself."""

from __future__ import annotations

FIELDS: dict[str, dict[str, str]] = {
    # --- the level and its [map] ---
    "field.LevelFile.schema_version": {
        "id": "Versi format berkas ini; harus 1.",
        "en": "Version of this file format; must be 1.",
    },
    "field.LevelFile.id": {
        "id": "Id level, misalnya nama berkasnya tanpa .toml.",
        "en": "The level's id, e.g. the file name without .toml.",
    },
    "field.LevelFile.title": {
        "id": "Judul yang tampil di daftar level.",
        "en": "Title shown in the level list.",
    },
    "field.LevelFile.briefing": {
        "id": "Situasi dan misi yang dibaca sebelum level dimulai.",
        "en": "Situation and mission read before the level.",
    },
    "field.LevelFile.seed": {
        "id": "Benih (seed) semua pilihan acak dalam level (bilangan bulat, 0 atau lebih).",
        "en": "Seed of every random choice in the level (an integer, 0 or more).",
    },
    "field.LevelFile.duration_s": {
        "id": "Lama level dalam s, paling sedikit 1, paling lama 7200.",
        "en": "Length of the level in s, at least 1, at most 7200.",
    },
    "field.LevelFile.map": {
        "id": "Area permainan.",
        "en": "The playing area.",
    },
    "field.LevelFile.wind_mps": {
        "id": "Angin [timur, utara] dalam m/s, masing-masing -30 sampai 30; angin membawa gas air mata. Bawaan: tidak berangin.",
        "en": "Wind [east, north] in m/s, each -30 to 30; it carries tear gas. Default: still air.",
    },
    "field.LevelFile.obstacles": {
        "id": "Geometri tetap, paling banyak 2000 entri.",
        "en": "Static geometry, at most 2,000 entries.",
    },
    "field.LevelFile.ground": {
        "id": "Permukaan yang digambar.",
        "en": "Drawn surfaces.",
    },
    "field.LevelFile.zones": {
        "id": "Area bernama.",
        "en": "Named areas.",
    },
    "field.LevelFile.crowd": {
        "id": "Kelompok massa; seluruhnya paling banyak 20000 orang.",
        "en": "Crowd groups; 20,000 people at most in all.",
    },
    "field.LevelFile.units": {
        "id": "Satuan polisi dan pendukung; seluruhnya paling banyak 2000 petugas.",
        "en": "Police and support units; 2,000 officers at most in all.",
    },
    "field.LevelFile.mood": {
        "id": ("false menahan setiap orang pada keresahan (agitation) yang diberikan kelompoknya (untuk uji fisika dan "
               "kalibrasi); true membiarkan model suasana massa mengubahnya."),
        "en": ("false keeps every person at the agitation their group gives (for physics tests and calibration); true lets the "
               "mood model drive it."),
    },
    "field.LevelFile.riot": {
        "id": ("false meniadakan apa yang dilakukan orang agresif atas kemauan sendiri: mereka mendorong, tetapi tidak melempar "
               "batu atau botol, tidak membakar apa pun, dan tidak merusak toko (untuk uji fisika: dorongan terhadap barisan "
               "polisi tanpa lemparan batu); kejadian terskrip tetap terjadi. true: orang agresif berbuat rusuh."),
        "en": ("false leaves out what agresif people do of their own accord: they push but throw no stones or bottles, light no "
               "fires and damage no shops (for physics tests: a push on a police line without the stones); scripted events still "
               "happen. true: agresif people riot."),
    },
    "field.LevelFile.events": {
        "id": "Kejadian terskrip, masing-masing terjadi sekali, paling banyak 200.",
        "en": "Scripted events, each fired once, at most 200.",
    },
    "field.LevelFile.objectives": {
        "id": "Sasaran: level dimenangkan bila setiap sasaran wajib tercapai; paling banyak 50.",
        "en": "Objectives: the level is won when every required one is met, at most 50.",
    },
    "field.LevelFile.scoring": {
        "id": "Bobot bagian-bagian nilai.",
        "en": "Weights of the score's parts.",
    },
    "field.Bilingual.id": {
        "id": "Teks dalam Bahasa Indonesia.",
        "en": "The text in Bahasa Indonesia.",
    },
    "field.Bilingual.en": {
        "id": "Teks dalam bahasa Inggris.",
        "en": "The text in English.",
    },
    "field.MapFile.size": {
        "id": "Lebar (barat-timur) dan tinggi (selatan-utara) dalam meter, masing-masing 10 sampai 500.",
        "en": "Width (west-east) and height (south-north) in metres, each 10 to 500.0.",
    },
    "field.MapFile.background": {
        "id": "Gambar lokasi (denah, foto udara) yang ditampilkan di bawah peta untuk dijiplak; bawaannya tidak ada.",
        "en": "A picture of the site (site plan, aerial photo) drawn under the map to trace over; none by default.",
    },
    "field.BackgroundFile.file": {
        "id": ("Gambarnya: berkas .png, .jpg atau .jpeg di dalam folder level, ditulis sebagai jalur relatif terhadap folder itu "
               'dengan / di antara folder (misalnya "kpu_site.png" atau "pictures/aerial.jpg"); paling besar 8 MB dan 8192 '
               "piksel per sisi. Tanpa jalur absolut, huruf drive, garis miring terbalik, atau `..`."),
        "en": ("The picture, a .png, .jpg or .jpeg file inside the level's folder, as a path relative to it with / between "
               'folders (e.g. "kpu_site.png" or "pictures/aerial.jpg"); at most 8 MB and 8192 pixels on a side. No absolute '
               "path, drive letter, backslash or `..`."),
    },
    "field.BackgroundFile.origin": {
        "id": "Letak sudut kiri bawah (barat daya) gambar di peta, [x, y] dalam meter.",
        "en": "Where the picture's lower-left (south-west) corner lies on the map, [x, y] in metres.",
    },
    "field.BackgroundFile.size": {
        "id": ("Lebar dan tinggi gambar di peta dalam meter, masing-masing di atas 0; bila tidak diisi = ukuran peta (gambar "
               "menutupi peta dengan pas). Isi ukuran sebenarnya agar 1 m di gambar sama dengan 1 m di peta."),
        "en": ("The picture's width and height on the map in metres, each above 0; left out = the map's size (the picture covers "
               "the map exactly). Give the real extent so that 1 m on the picture is 1 m on the map."),
    },
    "field.BackgroundFile.opacity": {
        "id": "0 tidak terlihat sampai 1 sama sekali tidak tembus pandang; warna latar peta tampak menembusnya.",
        "en": "0 invisible to 1 fully opaque; the map's background colour shows through.",
    },
    # --- [[obstacles]], [[ground]], [[zones]] and their shapes ---
    "field.ObstacleFile.id": {
        "id": "Unik di antara rintangan.",
        "en": "Unique among the obstacles.",
    },
    "field.ObstacleFile.kind": {
        "id": "Jenisnya; menentukan cara menggambarnya.",
        "en": "What it is; decides how it is drawn.",
    },
    "field.ObstacleFile.shape": {
        "id": "Garis luarnya: polygon, rect, circle atau polyline.",
        "en": "Its outline: polygon, rect, circle or polyline.",
    },
    "field.ObstacleFile.solid": {
        "id": "Apakah menghalangi orang; false untuk gerbang yang terbuka.",
        "en": "Whether it blocks people; false for an open gate.",
    },
    "field.ObstacleFile.label": {
        "id": "Nama yang tampil di peta.",
        "en": "Name shown on the map.",
    },
    "field.GroundFile.id": {
        "id": "Unik di antara entri permukaan.",
        "en": "Unique among the ground entries.",
    },
    "field.GroundFile.kind": {
        "id": "Jenis permukaannya; tidak pernah menghalangi atau memperlambat siapa pun.",
        "en": "What surface it is; it never blocks or slows anyone.",
    },
    "field.GroundFile.shape": {
        "id": "Garis luarnya: polygon, rect atau circle.",
        "en": "Its outline: polygon, rect or circle.",
    },
    "field.GroundFile.label": {
        "id": "Nama yang tampil di peta.",
        "en": "Name shown on the map.",
    },
    "field.ZoneFile.id": {
        "id": "Unik di antara zona; kelompok massa merujuk padanya.",
        "en": "Unique among the zones; crowd groups refer to it.",
    },
    "field.ZoneFile.role": {
        "id": "Kegunaan zona ini.",
        "en": "What the zone is for.",
    },
    "field.ZoneFile.shape": {
        "id": "Garis luarnya: polygon, rect atau circle.",
        "en": "Its outline: polygon, rect or circle.",
    },
    "field.ZoneFile.label": {
        "id": "Nama yang tampil di peta.",
        "en": "Name shown on the map.",
    },
    "field.PolygonShape.kind": {
        "id": 'Penanda bentuk: "polygon".',
        "en": 'Shape tag: "polygon".',
    },
    "field.PolygonShape.points": {
        "id": ("Sudut-sudut [x, y] dalam meter, berurutan mengelilingi garis luarnya; jangan ulangi titik pertama di akhir. 3 "
               "sampai 500 titik; sisi-sisinya tidak boleh bersilangan."),
        "en": ("Corners [x, y] in metres, in order around the outline; do not repeat the first point at the end. 3 to 500 "
               "points; edges must not cross."),
    },
    "field.RectShape.kind": {
        "id": 'Penanda bentuk: "rect".',
        "en": 'Shape tag: "rect".',
    },
    "field.RectShape.min": {
        "id": "Sudut barat daya (kiri bawah) [x, y] dalam meter.",
        "en": "South-west (lower-left) corner [x, y] in metres.",
    },
    "field.RectShape.max": {
        "id": "Sudut timur laut (kanan atas) [x, y] dalam meter.",
        "en": "North-east (upper-right) corner [x, y] in metres.",
    },
    "field.CircleShape.kind": {
        "id": 'Penanda bentuk: "circle".',
        "en": 'Shape tag: "circle".',
    },
    "field.CircleShape.center": {
        "id": "Titik pusat [x, y] dalam meter.",
        "en": "Centre [x, y] in metres.",
    },
    "field.CircleShape.radius": {
        "id": "Jari-jari dalam meter, di atas 0, paling besar 1000.",
        "en": "Radius in metres, above 0, at most 1000.",
    },
    "field.PolylineShape.kind": {
        "id": 'Penanda bentuk: "polyline".',
        "en": 'Shape tag: "polyline".',
    },
    "field.PolylineShape.points": {
        "id": "Titik-titik [x, y] dalam meter di sepanjang garis, 2 sampai 500.",
        "en": "Points [x, y] in metres along the line, 2 to 500.",
    },
    "field.PolylineShape.thickness": {
        "id": "Tebal dalam meter, di atas 0, paling tebal 10 (pagar ~0.3).",
        "en": "Thickness in metres, above 0, at most 10 (a fence is ~0.3).",
    },
    # --- [[crowd]] and its goals ---
    "field.CrowdFile.id": {
        "id": "Unik di antara kelompok massa.",
        "en": "Unique among the crowd groups.",
    },
    "field.CrowdFile.count": {
        "id": "Jumlah orang, 1 sampai 20000; semua kelompok bersama-sama paling banyak 20000.",
        "en": "Number of people, 1 to 20,000; all groups together at most 20,000.",
    },
    "field.CrowdFile.spawn": {
        "id": "Id zona tempat mereka muncul (peran apa pun).",
        "en": "Id of the zone they appear in (any role).",
    },
    "field.CrowdFile.roles": {
        "id": "Bagian kelompok dalam setiap peran, misalnya {massa = 0.9, provokator = 0.1}; jumlah semua bagiannya 1.",
        "en": "Fraction of the group in each role, e.g. {massa = 0.9, provokator = 0.1}; the fractions sum to 1.",
    },
    "field.CrowdFile.goal": {
        "id": "Ke mana mereka menuju: sebuah zona, sebuah titik, atau jalan keluar.",
        "en": "Where they head: a zone, a point or an exit.",
    },
    "field.CrowdFile.speed_mean_mps": {
        "id": "Rata-rata kecepatan jalan bebas dalam m/s, 0.3 sampai 3.",
        "en": "Mean free walking speed in m/s, 0.3 to 3.",
    },
    "field.CrowdFile.speed_sd_mps": {
        "id": "Simpangan baku kecepatan jalan dalam m/s, 0 sampai 1.",
        "en": "Standard deviation of the walking speed in m/s, 0 to 1.",
    },
    "field.CrowdFile.arrival_s": {
        "id": "Saat orang pertama dari kelompok ini muncul, dalam s.",
        "en": "When the first of them appears, in s.",
    },
    "field.CrowdFile.arrival_spread_s": {
        "id": ("Mereka terus berdatangan merata selama sekian detik ini; 0 = sekaligus. Zona kemunculan menempatkan setiap orang "
               "yang tiba di tempat kosong secara acak, paling padat sekitar 2.3 /m² sekaligus; sisanya muncul begitu ada ruang: "
               "dalam sedetik bila yang sudah ditempatkan berjalan pergi, hingga setengah menit kemudian bila mereka tidak dapat "
               "bergerak (koridor yang diisi 4 /m²)."),
        "en": ("They keep arriving evenly over this many seconds; 0 = at once. A spawn zone places each arrival on a free spot "
               "at random, at most about 2.3 /m² at once; the rest appear as room frees: within a second where those placed "
               "walk off, up to half a minute late where they cannot (a corridor filled at 4 /m²)."),
    },
    "field.CrowdFile.agitation": {
        "id": ("Keresahan awal, 0 tenang (mereka antre) sampai 1 mendorong keras; sesudah itu model suasana massa yang "
               "mengubahnya (kecuali level mengatur mood = false)."),
        "en": ("Starting agitation, 0 calm (they queue) to 1 pushing hard; the mood model moves it from then on (unless the "
               "level sets mood = false)."),
    },
    "field.CrowdFile.hardship": {
        "id": "Rata-rata kesulitan hidup H, 0 sampai 1: bersama legitimasi membentuk keluhan G = H·(1 − L) dalam model Epstein.",
        "en": "Mean hardship H, 0 to 1: with legitimacy it makes the grievance G = H·(1 − L) of Epstein's model.",
    },
    "field.CrowdFile.legitimacy": {
        "id": "Legitimasi L hasil pemilu yang dirasakan kelompok ini saat tiba, 0 sampai 1.",
        "en": "Perceived legitimacy L of the election result the group arrives with, 0 to 1.",
    },
    "field.CrowdFile.on_event": {
        "id": ("Menunggu di luar peta sampai kejadian crowd_wave atau provocateurs melepas kelompok ini; arrival_s lalu dihitung "
               "sejak kejadian itu."),
        "en": ("Wait off the map until a crowd_wave or provocateurs event releases the group; arrival_s then counts from that "
               "event."),
    },
    "field.ZoneGoalFile.kind": {
        "id": 'Penanda tujuan: "zone".',
        "en": 'Goal tag: "zone".',
    },
    "field.ZoneGoalFile.zone": {
        "id": "Id zona yang akan dimasuki.",
        "en": "Id of the zone to enter.",
    },
    "field.PointGoalFile.kind": {
        "id": 'Penanda tujuan: "point".',
        "en": 'Goal tag: "point".',
    },
    "field.PointGoalFile.point": {
        "id": "Titik [x, y] dalam meter, di dalam peta.",
        "en": "The point [x, y] in metres, inside the map.",
    },
    "field.ExitGoalFile.kind": {
        "id": 'Penanda tujuan: "exit".',
        "en": 'Goal tag: "exit".',
    },
    "field.ExitGoalFile.zone": {
        "id": 'Id zona dengan role "exit".',
        "en": 'Id of a zone whose role is "exit".',
    },
    # --- [[units]] ---
    "field.UnitFile.id": {
        "id": "Unik di antara satuan.",
        "en": "Unique among the units.",
    },
    "field.UnitFile.type": {
        "id": "Jenis satuan.",
        "en": "Unit type.",
    },
    "field.UnitFile.officers": {
        "id": ("Jumlah petugas, 1 sampai 200; semua satuan bersama-sama paling banyak 2000. Bawaan menurut jenis: 30 untuk satu "
               "peleton (dalmas_awal, dalmas_lanjut, brimob_phh, raimas, tni, satpol_pp), 8 untuk tim_tangkap, 2 untuk "
               "negosiator, 4 untuk gas_team, 3 untuk awak water_cannon, damkar atau ambulance."),
        "en": ("Number of officers, 1 to 200; all units together at most 2,000. Default by type: 30 for a platoon (dalmas_awal, "
               "dalmas_lanjut, brimob_phh, raimas, tni, satpol_pp), 8 for tim_tangkap, 2 for negosiator, 4 for gas_team, 3 for a "
               "water_cannon, damkar or ambulance crew."),
    },
    "field.UnitFile.formation": {
        "id": "Formasi satuan saat berdiri.",
        "en": "Formation the unit stands in.",
    },
    "field.UnitFile.position": {
        "id": "Titik tengah saf depan [x, y] dalam meter, di dalam peta, tidak di dalam rintangan padat.",
        "en": "Centre of the front rank [x, y] in metres, inside the map, not in a solid obstacle.",
    },
    "field.UnitFile.facing_deg": {
        "id": "Arah hadap saf depan, dalam derajat berlawanan arah jarum jam dari timur (90 = utara, -90 = selatan).",
        "en": "Direction the front rank faces, degrees counter-clockwise from east (90 = north, -90 = south).",
    },
    "field.UnitFile.width_m": {
        "id": ("Lebar muka barisan dalam meter, 1 sampai 200, dari titik tengah petugas pertama sampai petugas terakhir di saf "
               "depan; bila tidak diisi = jarak alami formasinya. Dalam barisan bersaf petugas berdiri berjarak paling sedikit "
               "0.45 m satu sama lain: bila tidak muat, barisan menjadi lebih lebar; tambahkan saf. Saf kedua berdiri di "
               "celah-celah saf depan, setengah jarak ke kanan satuan, sehingga saf kedua yang penuh menjangkau sejauh itu lebih "
               "ke kanan. Untuk barisan dari dinding ke dinding, beri petugas di ujungnya jarak satu jari-jari badan (0.3 m) "
               "dari dinding, di sisi kanan setengah jarak lagi bila ada saf kedua; `check` mencatat setiap petugas yang "
               "tempatnya (titik tengah badannya) akan berada di dalam rintangan padat."),
        "en": ("Frontage in metres, 1 to 200, from the first to the last officer's centre in the front rank; left out = the "
               "formation's natural spacing. In a bersaf line officers stand at least 0.45 m apart: more than fit make it wider; "
               "give more ranks. The second rank stands in the front rank's gaps, half a spacing to the unit's right, so a full "
               "one reaches that much further right. For a line from wall to wall, keep its end men a body's radius (0.3 m) off "
               "the walls, on the right half a spacing more with a second rank; `check` notes any officer whose place (his "
               "centre) would lie inside a solid obstacle."),
    },
    "field.UnitFile.ranks": {
        "id": ("Jumlah saf untuk bersaf, 1 sampai 3; formasi lain mengabaikannya. Setiap petugas di belakang berdiri di celah "
               "saf di depannya, paling sedikit 0.6 m dari masing-masing dua petugas yang ditopangnya dan paling sedikit 0.3 m "
               "di belakang mereka."),
        "en": ("Ranks for bersaf, 1 to 3; other formations ignore it. Each rear man stands in a gap of the rank ahead, at least "
               "0.6 m from each of the two men he braces and at least 0.3 m behind them."),
    },
    "field.UnitFile.arrival_s": {
        "id": "Saat satuan berada di peta, dalam s (untuk satuan yang menunggu panggilan: tidak sebelum saat itu).",
        "en": "When the unit is on the map, in s (for a unit on request: not before then).",
    },
    "field.UnitFile.on_request": {
        "id": ("Disiagakan sebagai cadangan di luar peta sampai perintah `request` memanggilnya (bala bantuan, TNI); satuan lalu "
               "tiba di posisinya `request_delay_s` kemudian."),
        "en": ("Held in reserve off the map until a `request` order calls it up (reinforcements, the TNI); it then arrives "
               "`request_delay_s` later on its position."),
    },
    "field.UnitFile.request_delay_s": {
        "id": ("Detik dari permintaan sampai satuan tiba; hanya dengan on_request = true. Bawaan 300 untuk tni, 180 untuk yang "
               "lain."),
        "en": ("Seconds from the request to the unit's arrival; only with on_request = true. Default 300 for tni, 180 for the "
               "others."),
    },
    # --- [[events]]: `when`, then each kind ---
    "field.ConditionFile.after_s": {
        "id": "Sudah lewat paling sedikit sekian detik.",
        "en": "At least this many seconds have passed.",
    },
    "field.ConditionFile.situation": {
        "id": 'Warna situasi paling tidak sudah mencapai warna ini: "hijau" < "kuning" < "merah".',
        "en": 'The situation colour is at least this one: "hijau" < "kuning" < "merah".',
    },
    "field.ConditionFile.breaches_at_least": {
        "id": "Paling sedikit sekian orang telah memasuki zona yang dilindungi.",
        "en": "At least this many people have entered a protected zone.",
    },
    "field.ConditionFile.arrests_at_least": {
        "id": "Paling sedikit sekian orang telah ditangkap dan diserahkan.",
        "en": "At least this many people have been arrested and handed over.",
    },
    "field.ConditionFile.injuries_at_least": {
        "id": "Paling sedikit sekian orang (warga dan petugas) cedera.",
        "en": "At least this many people (civilians and officers) are injured.",
    },
    "field.ConditionFile.fires_at_least": {
        "id": "Paling sedikit sekian api telah dinyalakan.",
        "en": "At least this many fires have been lit.",
    },
    "field._EventBase.id": {
        "id": "Unik di antara kejadian.",
        "en": "Unique among the events.",
    },
    "field._EventBase.at_s": {
        "id": "Dipicu pada waktu ini (s, di dalam durasi level); isi ini atau `when`.",
        "en": "Fire at this time (s, within the level); give this or `when`.",
    },
    "field._EventBase.when": {
        "id": "Dipicu saat semua syarat dalam tabel ini terpenuhi; isi ini atau `at_s`.",
        "en": "Fire when every test in this table holds; give this or `at_s`.",
    },
    "field._EventBase.message": {
        "id": "Ditampilkan di umpan kejadian saat kejadian ini dipicu (dalam kedua bahasa).",
        "en": "Shown in the event feed when the event fires (both languages).",
    },
    "field.CrowdWaveEvent.kind": {
        "id": 'Penanda kejadian: "crowd_wave".',
        "en": 'Event tag: "crowd_wave".',
    },
    "field.CrowdWaveEvent.group": {
        "id": "Id kelompok massa dengan on_event = true; arrival_s-nya dihitung sejak saat ini.",
        "en": "Id of a crowd group with on_event = true; its arrival_s counts from now.",
    },
    "field.ProvocateursEvent.kind": {
        "id": 'Penanda kejadian: "provocateurs".',
        "en": 'Event tag: "provocateurs".',
    },
    "field.ProvocateursEvent.group": {
        "id": "Id kelompok massa dengan on_event = true; arrival_s-nya dihitung sejak saat ini.",
        "en": "Id of a crowd group with on_event = true; its arrival_s counts from now.",
    },
    "field.RumourEvent.kind": {
        "id": 'Penanda kejadian: "rumour".',
        "en": 'Event tag: "rumour".',
    },
    "field.RumourEvent.legitimacy_drop": {
        "id": "Penurunan legitimasi yang dirasakan setiap orang di peta, di atas 0, paling banyak 1.",
        "en": "Perceived legitimacy lost by everyone on the map, above 0, at most 1.",
    },
    "field.FireEvent.kind": {
        "id": 'Penanda kejadian: "fire".',
        "en": 'Event tag: "fire".',
    },
    "field.FireEvent.point": {
        "id": "Tempat api menyala [x, y] (m), di dalam peta, tidak di dalam rintangan padat.",
        "en": "Where the fire burns [x, y] (m), inside the map, not in a solid obstacle.",
    },
    "field.HostageAttemptEvent.kind": {
        "id": 'Penanda kejadian: "hostage_attempt".',
        "en": 'Event tag: "hostage_attempt".',
    },
    "field.HostageAttemptEvent.building": {
        "id": 'Id rintangan berjenis "building".',
        "en": 'Id of an obstacle of kind "building".',
    },
    "field.HostageAttemptEvent.people": {
        "id": "Berapa perusuh yang mencoba, 1 sampai 100.",
        "en": "How many rioters try, 1 to 100.",
    },
    "field.ReinforcementsEvent.kind": {
        "id": 'Penanda kejadian: "reinforcements".',
        "en": 'Event tag: "reinforcements".',
    },
    "field.ReinforcementsEvent.unit": {
        "id": "Id satuan dengan on_request = true.",
        "en": "Id of a unit with on_request = true.",
    },
    "field.MessageEvent.message": {
        "id": "Pesannya, dalam kedua bahasa.",
        "en": "The message, in both languages.",
    },
    "field.MessageEvent.kind": {
        "id": 'Penanda kejadian: "message".',
        "en": 'Event tag: "message".',
    },
    # --- [[objectives]], each kind ---
    "field._ObjectiveBase.id": {
        "id": "Unik di antara sasaran.",
        "en": "Unique among the objectives.",
    },
    "field._ObjectiveBase.required": {
        "id": "Level dimenangkan hanya bila setiap sasaran wajib tercapai.",
        "en": "The level is won only when every required objective is met.",
    },
    "field._ObjectiveBase.weight": {
        "id": "Bagian sasaran ini dalam komponen sasaran pada nilai (di atas 0).",
        "en": "Share of this objective in the score's objectives part (above 0).",
    },
    "field._ObjectiveBase.text": {
        "id": "Yang dibaca peserta; bila tidak diisi, teks dibuat dari jenis sasarannya.",
        "en": "What the trainee reads; left out, it is generated from the kind.",
    },
    "field.ProtectZoneObjective.kind": {
        "id": 'Penanda sasaran: "protect_zone".',
        "en": 'Objective tag: "protect_zone".',
    },
    "field.ProtectZoneObjective.zone": {
        "id": 'Id zona dengan role "protected".',
        "en": 'Id of a zone whose role is "protected".',
    },
    "field.ProtectZoneObjective.max_breaches": {
        "id": "Paling banyak sekian orang boleh memasukinya (bawaan 0).",
        "en": "At most this many people may enter it (default 0).",
    },
    "field.HoldUntilObjective.kind": {
        "id": 'Penanda sasaran: "hold_until".',
        "en": 'Objective tag: "hold_until".',
    },
    "field.HoldUntilObjective.zone": {
        "id": 'Id zona dengan role "protected".',
        "en": 'Id of a zone whose role is "protected".',
    },
    "field.HoldUntilObjective.until_s": {
        "id": "Bertahan sampai waktu ini (s), paling lama durasi level.",
        "en": "Hold until this time (s), at most the level's duration.",
    },
    "field.InjuryLimitObjective.kind": {
        "id": 'Penanda sasaran: "injury_limit".',
        "en": 'Objective tag: "injury_limit".',
    },
    "field.InjuryLimitObjective.civilian_max": {
        "id": "Paling banyak sekian warga cedera.",
        "en": "At most this many civilians injured.",
    },
    "field.InjuryLimitObjective.officer_max": {
        "id": "Paling banyak sekian petugas cedera atau jatuh.",
        "en": "At most this many officers injured or knocked down.",
    },
    "field.NoForceViolationsObjective.kind": {
        "id": 'Penanda sasaran: "no_force_violations".',
        "en": 'Objective tag: "no_force_violations".',
    },
    "field.NoForceViolationsObjective.max_violations": {
        "id": "Paling banyak sekian pelanggaran penggunaan kekuatan (bawaan 0).",
        "en": "At most this many force violations (default 0).",
    },
    "field.ArrestProvocateursObjective.kind": {
        "id": 'Penanda sasaran: "arrest_provocateurs".',
        "en": 'Objective tag: "arrest_provocateurs".',
    },
    "field.ArrestProvocateursObjective.at_least": {
        "id": "Paling sedikit sekian provokator (bawaan 1).",
        "en": "At least this many provocateurs (default 1).",
    },
    "field.DisperseObjective.kind": {
        "id": 'Penanda sasaran: "disperse".',
        "en": 'Objective tag: "disperse".',
    },
    "field.DisperseObjective.fraction": {
        "id": "Bagian massa yang datang (tidak termasuk yang ditangkap atau dievakuasi) yang sudah meninggalkan peta.",
        "en": "Share of the crowd that came (less those arrested or evacuated) that has left the map.",
    },
    "field.DisperseObjective.by_s": {
        "id": "Paling lambat pada waktu ini (s); bila tidak diisi, sampai level berakhir.",
        "en": "By this time (s); left out, by the level's end.",
    },
    "field.PreventHostagesObjective.kind": {
        "id": 'Penanda sasaran: "prevent_hostages".',
        "en": 'Objective tag: "prevent_hostages".',
    },
    "field.ExtinguishFiresObjective.kind": {
        "id": 'Penanda sasaran: "extinguish_fires".',
        "en": 'Objective tag: "extinguish_fires".',
    },
    "field.ExtinguishFiresObjective.within_s": {
        "id": "Setiap api padam dalam sekian detik sejak dinyalakan; bila tidak diisi, sebelum level berakhir.",
        "en": "Each fire out within this many seconds of being lit; left out, by the level's end.",
    },
    # --- [scoring] ---
    "field.ScoringFile.objectives": {
        "id": "Bobot sasaran yang tercapai.",
        "en": "Weight of the objectives met.",
    },
    "field.ScoringFile.safety": {
        "id": "Bobot keselamatan (sedikit yang cedera).",
        "en": "Weight of safety (few injuries).",
    },
    "field.ScoringFile.proportionality": {
        "id": "Bobot penggunaan kekuatan yang proporsional (Perkap 1/2009).",
        "en": "Weight of proportional force (Perkap 1/2009).",
    },
    "field.ScoringFile.legitimacy": {
        "id": "Bobot kepercayaan massa yang terjaga.",
        "en": "Weight of the crowd's trust kept.",
    },
    "field.ScoringFile.time": {
        "id": "Bobot waktu situasi terkendali.",
        "en": "Weight of the time the situation was under control.",
    },
}
