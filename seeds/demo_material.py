"""Word lists and templates for the demo MSMEs written by ``build_demo.py``.

All business and person names produced from these lists are fictional.

Templates use a small fill-in syntax understood by ``build_demo.fill``:
``{a|b|c}`` picks one alternative, ``{20-80}`` a whole number in the range,
``{20-80/5}`` one in steps of five, ``{0.5-3.0}`` a number with one decimal
(written with a decimal comma), a leading ``*`` (``{*20-80/5}``) scales the
number up for small and medium businesses, and ``{village}``, ``{town}``,
``{owner}``, ``{border}``, ``{founded}`` name values of the record being built.

A template may start with tags saying whom it fits: ``G:`` collective
businesses only (group, cooperative, BUMDes), ``I:`` the others only, ``M:``
micro businesses only, ``B:`` small and medium ones only (``GM:`` = both).
"""

# BPS code -> ways people write the regency (all resolve with
# matcher.codes.resolve_regency; the build script asserts it).
REGENCY_SPELLINGS = {
    "6101": ["Sambas", "Kab. Sambas", "kab sambas", "Kabupaten Sambas", "SAMBAS", "6101"],
    "6102": ["Bengkayang", "Kab. Bengkayang", "bengkayang", "Kab Bengkayang", "6102"],
    "6103": ["Landak", "Kab. Landak", "kab landak", "Kabupaten Landak", "6103"],
    "6104": ["Mempawah", "Kab. Mempawah", "mempawah", "Kab Mempawah", "6104"],
    "6105": ["Sanggau", "Kab. Sanggau", "sanggau", "Kabupaten Sanggau", "6105"],
    "6106": ["Ketapang", "Kab. Ketapang", "ketapang", "Kab Ketapang", "6106"],
    "6107": ["Sintang", "Kab. Sintang", "sintang", "Kabupaten Sintang", "6107"],
    "6108": ["Kapuas Hulu", "Kab. Kapuas Hulu", "kapuas hulu", "Kab Kapuas Hulu", "6108"],
    "6109": ["Sekadau", "Kab. Sekadau", "sekadau", "Kabupaten Sekadau", "6109"],
    "6110": ["Melawi", "Kab. Melawi", "melawi", "Kab Melawi", "6110"],
    "6111": ["Kayong Utara", "Kab. Kayong Utara", "kayong utara", "Kab Kayong Utara", "6111"],
    "6112": ["Kubu Raya", "Kab. Kubu Raya", "kubu raya", "KUBU RAYA", "Kab Kubu Raya", "6112"],
    "6171": ["Pontianak", "Kota Pontianak", "pontianak", "Pontianak", "6171"],
    "6172": ["Singkawang", "Kota Singkawang", "singkawang", "Singkawang", "6172"],
}

# Relative number of MSMEs per regency (after one of each).
REGENCY_WEIGHTS = {
    "6101": 9, "6102": 6, "6103": 6, "6104": 7, "6105": 7, "6106": 7, "6107": 7,
    "6108": 6, "6109": 4, "6110": 4, "6111": 5, "6112": 12, "6171": 16, "6172": 9,
}

# Size of the demo businesses. Scale weights (medium only for profiles whose
# max_scale allows it); annual turnover and capital bands inside the PP 7/2021
# limits; how much bigger {*lo-hi} quantities are; employees; legal forms.
SCALE_WEIGHTS = {"micro": 72, "small": 20, "medium": 20}
TURNOVER_BANDS = {"micro": (36e6, 1.9e9), "small": (2.1e9, 14.5e9), "medium": (15.5e9, 48e9)}
CAPITAL_BANDS = {"micro": (5e6, 950e6), "small": (1.05e9, 4.8e9), "medium": (5.2e9, 9.6e9)}
SCALE_FACTORS = {"micro": 1, "small": 8, "medium": 30}  # for {*lo-hi} quantities
EMPLOYEES = {"micro": (1, 9), "small": (5, 45), "medium": (30, 160)}
FORM_WEIGHTS = {
    "micro": {"individual": 52, "group": 26, "cooperative": 5, "cv": 3, "pt_perorangan": 4,
              "bumdes": 4, "pt": 0},
    "small": {"individual": 20, "group": 6, "cooperative": 14, "cv": 26, "pt_perorangan": 10,
              "bumdes": 6, "pt": 16},
    "medium": {"individual": 0, "group": 0, "cooperative": 25, "cv": 20, "pt_perorangan": 0,
               "bumdes": 5, "pt": 50},
}

# Main town, and villages / kecamatan used in descriptions.
TOWNS = {
    "6101": "Sambas", "6102": "Bengkayang", "6103": "Ngabang", "6104": "Mempawah",
    "6105": "Sanggau", "6106": "Ketapang", "6107": "Sintang", "6108": "Putussibau",
    "6109": "Sekadau", "6110": "Nanga Pinoh", "6111": "Sukadana", "6112": "Sungai Raya",
    "6171": "Pontianak", "6172": "Singkawang",
}
VILLAGES = {
    "6101": ["Tebas", "Jawai", "Pemangkat", "Sejangkung", "Teluk Keramat", "Paloh", "Sekura",
             "Tekarang", "Selakau"],
    "6102": ["Seluas", "Sanggau Ledo", "Jagoi Babang", "Samalantan", "Lumar", "Monterado",
             "Sungai Raya Kepulauan"],
    "6103": ["Menjalin", "Mandor", "Pahauman", "Air Besar", "Darit", "Sebangki", "Mempawah Hulu"],
    "6104": ["Sungai Pinyuh", "Anjongan", "Sungai Kunyit", "Segedong", "Toho", "Sungai Bakau"],
    "6105": ["Kembayan", "Bonti", "Tayan", "Parindu", "Entikong", "Balai Karangan", "Meliau"],
    "6106": ["Delta Pawan", "Sungai Melayu", "Kendawangan", "Marau", "Sandai", "Tumbang Titi",
             "Matan Hilir"],
    "6107": ["Sungai Tebelian", "Kelam Permai", "Ketungau", "Dedai", "Tempunak", "Sepauk",
             "Binjai Hulu"],
    "6108": ["Nanga Badau", "Embaloh Hulu", "Selimbau", "Semitau", "Batang Lupar", "Jongkong",
             "Bunut Hilir"],
    "6109": ["Nanga Taman", "Belitang", "Sekadau Hilir", "Nanga Mahap", "Sekadau Hulu"],
    "6110": ["Belimbing", "Ella Hilir", "Menukung", "Sokan", "Tanah Pinoh", "Sayan"],
    "6111": ["Simpang Hilir", "Teluk Batang", "Pulau Maya", "Seponti", "Sutera", "Pangkalan Buton"],
    "6112": ["Rasau Jaya", "Sungai Ambawang", "Kubu", "Teluk Pakedai", "Batu Ampar",
             "Sungai Kakap", "Kuala Mandor B", "Punggur", "Arang Limbung"],
    "6171": ["Siantan", "Pontianak Timur", "Tanjung Hulu", "Parit Tokaya", "Sungai Jawi",
             "Kota Baru", "Pal Lima", "Tambelan Sampit"],
    "6172": ["Roban", "Pasiran", "Sedau", "Semelagi", "Setapuk", "Nyarumkop", "Sijangkung"],
}
# Border crossings, for regencies that trade with Sarawak.
BORDER = {"6101": "Aruk", "6102": "Jagoi Babang", "6105": "Entikong", "6108": "Badau"}

# Given names by gender and background, and family names by background ("" =
# none, common among Malay and Javanese people), of Kalimantan Barat.
FIRST_NAMES = {
    ("m", "malay"): ["Muhammad Rizal", "Syarif Hamid", "Abdul Rahman", "Zulkifli", "Hamdani",
                     "Ahmad Fauzi", "Rusdi", "Jamaludin", "Uray Iskandar", "Gusti Ramli",
                     "Sulaiman", "Hairul", "Mahyudin", "Saripudin", "Junaidi", "Abang Safwan",
                     "Wan Azhari", "Firdaus", "Khairil", "Hendri"],
    ("f", "malay"): ["Nurhayati", "Siti Aisyah", "Rosnani", "Hasnah", "Syarifah Nurul",
                     "Dayang Salmah", "Rahmawati", "Maimunah", "Norhasanah", "Faridah",
                     "Utin Rosita", "Zubaidah", "Misnawati", "Halimah", "Juwita", "Nuraini",
                     "Fitriani", "Rosmawati"],
    ("m", "dayak"): ["Agustinus", "Paulus", "Stefanus", "Ignatius", "Antonius", "Petrus",
                     "Fransiskus", "Yosef", "Dominikus", "Lukas", "Matius", "Robertus",
                     "Bernadus", "Yulius", "Kornelius", "Andreas", "Simon", "Valentinus"],
    ("f", "dayak"): ["Veronika", "Theresia", "Agnes", "Yosefina", "Elisabeth", "Martina",
                     "Rosalia", "Natalia", "Maria Yuliana", "Margareta", "Krisensia", "Lusia",
                     "Yohana", "Skolastika"],
    ("m", "chinese"): ["Hendra", "Suwandi", "Kurniawan", "Budiman", "Hartono", "Jimmy", "Rudy",
                       "Sutanto", "Afuk", "Acong", "Effendi", "Herman", "Asan"],
    ("f", "chinese"): ["Lina", "Susanti", "Fransiska", "Meliana", "Yenny", "Lilis", "Vera",
                       "Meilan", "Sukfa", "Fenny", "Herlina", "Apin"],
    ("m", "java_bugis"): ["Sutrisno", "Wagiman", "Slamet", "Andi Rahmat", "Moh. Holil",
                          "Suhairi", "Bambang", "Joko", "Imam", "Daeng Mustari"],
    ("f", "java_bugis"): ["Sri Wahyuni", "Sumarni", "Tri Handayani", "Sitti Rukiah", "Endang",
                          "Suryati", "Siti Fatimah", "Dwi Rahayu"],
}
FAMILY_NAMES = {
    "malay": ["", "", "Hasan", "Usman", "Ismail", "Yusuf", "Abdullah", "Saleh", "Idris",
              "Kadir", "Mahmud", "Syahrani", "Alkadrie"],
    "dayak": ["Lanjar", "Ngadi", "Usat", "Bungai", "Ramon", "Akim", "Aten", "Nyangun", "Uyub",
              "Anyik", "Jalong", "Ungkang", "Ilon", "Sempan", "Nayau", "Ebet", "Menik", "Imus",
              "Luyang", "Bantang", "Dimen", "Lumbu", "Atak"],
    "chinese": ["Lim", "Tan", "Bong", "Lie", "Tjhin", "Liu", "Chai", "Then", "Tjhai", "Hiu",
                "Chen", "Wijaya", "Halim", "Kusuma"],
    "java_bugis": ["", "", "Wibowo", "Santoso", "Purnomo", "Prasetyo", "Sugiarto", "Hidayat",
                   "Saputra"],
}
# Leading words that are titles or common first parts, not what people are called.
NOT_CALL_NAMES = {"Muhammad", "Siti", "Sri", "Abdul", "Moh.", "Andi", "Syarifah", "Syarif",
                  "Dayang", "Utin", "Uray", "Gusti", "Abang", "Wan", "Daeng", "Maria", "Tri",
                  "Dwi", "Sitti", "Ahmad"}

# Background mix per regency (weights malay, dayak, chinese, java_bugis).
BACKGROUND_WEIGHTS = {
    "6101": (7, 1, 2, 1), "6102": (2, 5, 3, 1), "6103": (2, 7, 1, 1), "6104": (6, 1, 2, 2),
    "6105": (3, 5, 1, 1), "6106": (6, 2, 1, 2), "6107": (3, 5, 1, 1), "6108": (3, 6, 1, 0),
    "6109": (2, 6, 1, 1), "6110": (3, 5, 1, 1), "6111": (7, 1, 1, 1), "6112": (5, 1, 2, 4),
    "6171": (5, 1, 4, 2), "6172": (3, 1, 6, 1),
}
HONORIFICS = {
    ("m", "malay"): ["Pak", "Wak", "Bang"], ("f", "malay"): ["Mak", "Bu", "Cik"],
    ("m", "dayak"): ["Pak", "Bang"], ("f", "dayak"): ["Bu", "Mama"],
    ("m", "chinese"): ["Koh", "Pak"], ("f", "chinese"): ["Ci", "Bu"],
    ("m", "java_bugis"): ["Pak", "Mas"], ("f", "java_bugis"): ["Bu", "Mbak"],
}

GOOD_WORDS = ["Berkah", "Maju", "Sejahtera", "Harapan", "Lestari", "Mandiri", "Jaya", "Sepakat",
              "Bersatu", "Barokah", "Cahaya", "Sinar", "Tunas", "Karya", "Mekar", "Permata",
              "Bintang", "Rezeki", "Makmur", "Sentosa", "Abadi", "Mufakat", "Pelangi", "Murni"]
LOCAL_WORDS = ["Kapuas", "Enggang", "Equator", "Borneo", "Khatulistiwa", "Tepian", "Muara",
               "Riam", "Bukit", "Sungai", "Pesisir", "Hulu", "Tanjung", "Kenari", "Nusa"]

# Names of businesses that are not sole proprietorships ({group} is the
# profile's word for a kelompok, e.g. "Tani" or "Perajin").
NAME_TEMPLATES = {
    "group": ["Kelompok {group} {good} {village}", "Kelompok {group} {local} {good}",
              "KUB {brand} {good}"],
    "cooperative": ["Koperasi {Produsen|Serba Usaha|Pemasaran} {brand} {good}",
                    "Koperasi {Produsen|Serba Usaha} {good} {village}"],
    "cv": ["CV {brand} {good} {local}", "CV {good} {local}"],
    "pt": ["PT {brand} {local} {good}", "PT {good} {local} {Nusantara|Abadi|Indonesia}"],
    "pt_perorangan": ["PT {brand} {local} {good}", "PT {good} {brand} {local}"],
    "bumdes": ["BUMDes {good} {village}", "BUMDes {village} {good}"],
}
GROUP_SHORT_NAMES = {"Wanita Tani": "KWT {good} {village}",
                     "Sadar Wisata": "Pokdarwis {good} {village}"}

EMAIL_DOMAINS = ["mail.example", "surel.example", "posku.example", "kotakmasuk.example",
                 "umkm-kalbar.example"]
MOBILE_PREFIXES = ["0812", "0813", "0821", "0822", "0852", "0853", "0811", "0857", "0878",
                   "0895"]

# Sentences about where products go, by kind of business (a profile may bring
# its own "channels" instead).
CHANNELS = {
    "food": [
        "Dijual di {2-9} toko oleh-oleh dan warung sekitar {town}, sisanya pesanan lewat WA.",
        "M:Dititip di kantin sekolah dan minimarket lokal, sistem konsinyasi {7|14} hari.",
        "Jualan lewat Facebook dan status WA, pembeli kebanyakan orang {town} dan perantau "
        "yang pulang kampung.",
        "M:Pernah kirim ke Jakarta dan Batam lewat ekspedisi, tapi ongkir mahal jadi jarang.",
        "Ramai pesanan waktu Lebaran dan Imlek, hari biasa sepi.",
        "M:Dijual sendiri di pasar {town} tiap pagi dan di lapak depan rumah.",
        "B:Sudah masuk {3-12} swalayan dan toko oleh-oleh di Pontianak dan Singkawang, juga "
        "kirim ke reseller di Jakarta.",
        "B:Punya {2-6} distributor di kabupaten lain dan toko online sendiri.",
    ],
    "raw": [
        "M:Hasil dijual ke pengepul di {town}, harga ditentukan pengepul.",
        "M:Sebagian dijual langsung ke pasar {town}, sebagian ke tengkulak yang datang ke "
        "tempat.",
        "Belum ada pembeli tetap; harga naik turun tiap musim.",
        "Pembeli datang dari Pontianak tapi tidak rutin, kadang sebulan tidak ada yang ambil.",
        "Ada yang dibawa ke Sarawak lewat {border}, harganya lebih bagus.",
        "B:Dijual ke pedagang besar di Pontianak dengan truk sendiri, {2|3|4} kali sebulan.",
    ],
    "craft": [
        "Dijual di galeri suvenir di Pontianak dan waktu ada pameran.",
        "Pesanan kebanyakan dari instansi dan sekolah untuk cenderamata dan acara.",
        "Lewat Instagram dan Facebook, sesekali dapat pesanan dari Jakarta dan Kuching.",
        "M:Dititip di {2-5} toko suvenir, uang baru cair kalau barang laku.",
        "Pembeli kebanyakan wisatawan yang datang ke {town}.",
        "B:Sudah rutin kirim ke butik dan toko kerajinan di Jakarta dan Bali.",
    ],
    "service": [
        "Pelanggan kebanyakan warga sekitar {village}.",
        "Promosi dari mulut ke mulut dan grup WA warga.",
        "Pelanggan tetap ±{*20-80/5} orang, ramai waktu akhir bulan.",
    ],
}

# Business profiles. Keys: sector; regencies where it is plausible ("*" = all);
# commodities (alternatives, one is picked); brand words; group word for
# kelompok names; names for individual businesses; intros; channel kind (or
# own "channels"); food (food permits apply); certs (probabilities); needs
# (field, text and an optional condition as in GENERIC_NEEDS); forms
# (legal-form weight multipliers); max_scale (default "small"); derivable
# (every alternative has a commodity the matcher knows, so the sector may be
# left out); weight.
PROFILES = [
    {
        "key": "lidah_buaya", "sector": "home_industry", "regencies": ["6171", "6112", "6104"],
        "commodities": [["lidah buaya", "minuman lidah buaya"], ["aloe vera", "nata aloe vera"],
                        ["lidah buya"], ["lidah buaya", "dodol lidah buaya", "teh lidah buaya"]],
        "brand": ["Aloe", "Lidah Buaya", "Aloevera"], "group": "Wanita Tani",
        "names": ["{brand} {owner}", "{brand} {good} {village}", "Rumah {brand} {local}"],
        "intros": [
            "Olah lidah buaya dari kebun sendiri ±{*0.3-1.5} ha di {village} jadi minuman cup "
            "dan jeli. Produksi ±{*300-1500/50} cup sehari.",
            "Buat dodol, teh kering dan minuman lidah buaya, bahan beli dari petani {village} "
            "±{*2-6} kuintal pelepah seminggu.",
            "G:Anggota tanam lidah buaya di lahan gambut {village}, sebagian pelepah diolah "
            "bersama jadi minuman dan kerupuk lidah buaya.",
        ],
        "channel": "food", "food": True,
        "certs": {"pirt": 0.65, "halal": 0.4, "trademark": 0.2, "bpom": 0.15},
        "needs": [
            ("production", "Minuman cup cuma tahan {2-5} hari, mau dibantu cara supaya lebih "
                           "awet tanpa pengawet."),
            ("production", "Masih kupas dan potong pelepah pakai tangan, butuh alat pengupas dan "
                           "sealer cup otomatis."),
            ("marketing", "Waktu panen raya pelepah berlebih, ingin ada pembeli pelepah segar "
                          "yang kontrak."),
        ],
        "derivable": True, "weight": 3,
    },
    {
        "key": "amplang", "sector": "home_industry",
        "regencies": ["6171", "6172", "6106", "6111", "6101"],
        "commodities": [["amplang", "amplang ikan tenggiri"], ["amplank"],
                        ["amplang", "kerupuk ikan"], ["amplang belida", "amplang tenggiri"]],
        "brand": ["Amplang"], "group": "Pengolah Ikan",
        "names": ["Amplang {owner}", "Amplang Cap {good}", "UD {good} Amplang {village}"],
        "intros": [
            "Produksi amplang ikan tenggiri ±{*20-120/5} kg sebulan, dikemas toples dan plastik "
            "{100|150|250} gram.",
            "Buat amplang pakai resep orang tua, ikan tenggiri dan belida beli dari nelayan "
            "{village}. Sehari goreng ±{*10-40} kg adonan.",
        ],
        "channel": "food", "food": True,
        "certs": {"pirt": 0.7, "halal": 0.45, "trademark": 0.25, "bpom": 0.25},
        "needs": [
            ("production", "Amplang cepat melempem kalau kemasan dibuka, butuh kemasan standing "
                           "pouch yang ada zip dan alat sealer."),
            ("production", "Harga ikan tenggiri naik terus, mau coba campur ikan lain tapi takut "
                           "rasa berubah; perlu uji resep."),
            ("financing", "Modal kurang untuk beli mesin penggiling daging ikan dan spinner "
                          "peniris minyak, kira-kira Rp{15-40} juta."),
        ],
        "max_scale": "medium", "derivable": True, "weight": 3,
    },
    {
        "key": "kerupuk_ikan", "sector": "home_industry",
        "regencies": ["6172", "6101", "6106", "6111", "6104", "6171"],
        "commodities": [["kerupuk ikan"], ["kerupuk ikan tenggiri", "kerupuk udang"],
                        ["krupuk ikan", "kerupuk basah"], ["keropok ikan"]],
        "brand": ["Kerupuk", "Kerupuk Ikan", "Keropok"], "group": "Pengolah Ikan",
        "names": ["{brand} {owner}", "{brand} {good} {village}", "{brand} Cap {local}"],
        "intros": [
            "Buat kerupuk ikan mentah dan siap goreng, sekali produksi ±{*30-150/10} kg adonan, "
            "jemur masih pakai panas matahari.",
            "G:Ibu-ibu di {village} produksi kerupuk ikan dan udang dari hasil tangkapan suami "
            "yang nelayan, ±{*200-800/50} bungkus seminggu.",
        ],
        "channel": "food", "food": True,
        "certs": {"pirt": 0.6, "halal": 0.35, "trademark": 0.1, "haccp": 0.03},
        "needs": [
            ("production", "Kalau musim hujan kerupuk tidak bisa kering, butuh oven pengering "
                           "atau rumah jemur plastik UV."),
            ("marketing", "Kemasan masih plastik polos dan stiker fotokopi, mau desain label yang "
                          "lengkap (komposisi, tanggal kedaluwarsa)."),
        ],
        "derivable": True, "weight": 3,
    },
    {
        "key": "madu_kelulut", "sector": "forestry",
        "regencies": ["6108", "6107", "6112", "6110", "6105", "6103", "6111"],
        "commodities": [["madu kelulut"], ["madu trigona", "propolis"], ["madu klulut"],
                        ["madu kelulut", "madu hutan"]],
        "brand": ["Kelulut", "Madu Kelulut", "Trigona"], "group": "Tani Hutan",
        "names": ["{brand} {good} {village}", "Madu {local} {owner}", "{brand} {local}"],
        "intros": [
            "Budidaya kelulut ±{*40-300/10} stup di pekarangan dan pinggir hutan {village}. "
            "Panen ±{*5-40} liter sebulan, dijual botol {100|250|500} ml.",
            "G:Anggota memelihara lebah kelulut dan juga ambil madu hutan waktu musim bunga, "
            "madu disaring dan dibotolkan sendiri.",
        ],
        "channel": "raw", "food": True,
        "certs": {"pirt": 0.3, "halal": 0.25, "sni": 0.05, "organic": 0.05},
        "needs": [
            ("production", "Kadar air madu masih tinggi (di atas 25%) jadi cepat berbuih; butuh "
                           "alat dehumidifier dan cara panen yang benar."),
            ("production", "Mau tambah koloni, perlu pendampingan pecah koloni dan stup standar."),
            ("institutional", "Pembeli di Pontianak minta hasil uji lab kadar air dan keaslian "
                              "madu, belum tahu uji di mana."),
            ("marketing", "Harga dari pengepul cuma Rp{150-250/10} ribu per liter, ingin jual "
                          "langsung ke toko dan apotek herbal."),
        ],
        "forms": {"group": 2.0}, "derivable": True, "weight": 3,
    },
    {
        "key": "kopi_liberika", "sector": "plantation", "regencies": ["6111", "6112", "6106"],
        "commodities": [["kopi liberika"], ["kopi liberica", "green bean"], ["kopi liberca"],
                        ["liberika", "kopi bubuk"]],
        "brand": ["Liberika", "Kopi"], "group": "Tani",
        "names": ["Kopi {local} {good}", "{brand} {village}", "Rumah Kopi {owner}"],
        "intros": [
            "Kebun kopi liberika ±{*1.0-4.0} ha di lahan gambut {village}, panen "
            "±{*300-1500/50} kg gelondong sebulan. Sebagian diolah jadi green bean dan bubuk.",
            "Olah kopi liberika petik merah dari petani {village}, proses natural dan honey, "
            "roasting pakai mesin kecil {1|2|3} kg.",
            "G:Anggota punya kebun liberika masing-masing ±1-2 ha, buah dikumpul dan diproses "
            "bersama di rumah produksi kelompok.",
        ],
        "channel": "raw", "food": True,
        "certs": {"pirt": 0.35, "halal": 0.25, "trademark": 0.2, "organic": 0.05},
        "needs": [
            ("production", "Belum punya mesin pengupas kulit (pulper) dan rumah jemur, mutu biji "
                           "tidak seragam."),
            ("marketing", "Ingin masuk ke kedai kopi di Pontianak dan Jakarta, butuh pembeli "
                          "green bean yang tetap."),
            ("hr", "Pekerja belum bisa cupping dan sortasi biji, perlu pelatihan pasca panen."),
        ],
        "max_scale": "medium", "derivable": False, "weight": 2,
    },
    {
        "key": "kopi_bubuk", "sector": "home_industry",
        "regencies": ["6171", "6172", "6108", "6107", "6105", "6103"],
        "commodities": [["kopi bubuk"], ["kopi bubuk", "kopi robusta"], ["bubuk kopi"],
                        ["kopi sangrai", "kopi liberika"]],
        "brand": ["Kopi", "Kupi"], "group": "Usaha Bersama",
        "names": ["Kopi {owner}", "Kopi {local} {good}", "{brand} Cap {good}"],
        "intros": [
            "Sangrai dan giling kopi robusta dan liberika, ±{*30-200/10} kg bubuk sebulan, "
            "kemasan {100|200|250} gram.",
            "M:Usaha bubuk kopi keluarga sejak lama, biji beli dari petani, sangrai masih pakai "
            "kuali dan kayu bakar.",
        ],
        "channel": "food", "food": True,
        "certs": {"pirt": 0.7, "halal": 0.45, "trademark": 0.2, "sni": 0.05, "bpom": 0.1},
        "needs": [
            ("production", "Hasil sangrai tidak seragam karena pakai kuali, ingin mesin roasting "
                           "kapasitas {3|5} kg.", "micro"),
            ("marketing", "Mau bikin varian kopi sachet untuk warung kopi, belum tahu kemasan dan "
                          "harga pokok."),
        ],
        "max_scale": "medium", "derivable": True, "weight": 2,
    },
    {
        "key": "karet", "sector": "plantation",
        "regencies": ["6105", "6109", "6107", "6103", "6110", "6102"],
        "commodities": [["karet"], ["getah karet", "bokar"], ["karet alam"], ["karet", "slab"]],
        "brand": ["Karet", "Getah"], "group": "Tani",
        "names": ["Kebun Karet {owner}", "{good} {local} {village}"],
        "intros": [
            "G:Anggota menoreh karet di kebun masing-masing, total ±{*20-200/5} ha, hasil "
            "±{*2-20} ton slab sebulan dikumpul di gudang kelompok.",
            "I:Kebun karet rakyat ±{*2-10} ha, sebagian pohon sudah tua. Getah dibekukan jadi "
            "lump dan dijual mingguan.",
            "B:Beli dan olah bokar dari {*100-600/50} petani di {village}, dijual ke pabrik "
            "crumb rubber di Pontianak.",
        ],
        "channel": "raw", "food": False,
        "certs": {"sni": 0.1},
        "needs": [
            ("marketing", "Harga karet di tingkat petani rendah karena kadar air tinggi; ingin "
                          "jual bersama ke pabrik langsung tanpa tengkulak."),
            ("production", "Perlu pendampingan bokar bersih (pakai asap cair, bukan tawas) supaya "
                           "harga naik."),
            ("financing", "Butuh dana peremajaan karet tua ±{5-40} ha, bibit klon unggul mahal."),
        ],
        "forms": {"group": 2.0, "cooperative": 3.0}, "max_scale": "medium",
        "derivable": True, "weight": 3,
    },
    {
        "key": "lada", "sector": "plantation",
        "regencies": ["6102", "6101", "6103", "6105", "6107", "6109"],
        "commodities": [["lada"], ["sahang", "lada putih"], ["merica putih"], ["lada hitam"],
                        ["merica"]],
        "brand": ["Sahang", "Lada"], "group": "Tani",
        "names": ["{brand} {good} {village}", "Kebun {brand} {owner}"],
        "intros": [
            "Kebun lada ±{*0.5-3.0} ha di {village}, panen ±{*200-1500/50} kg lada putih per "
            "tahun. Rendam dan jemur masih cara tradisional.",
            "Kumpulkan lada dari petani sekitar {village} lalu sortir dan jual ke Pontianak, "
            "±{*1-5} ton setahun.",
        ],
        "channel": "raw", "food": True,
        "certs": {"organic": 0.08, "trademark": 0.08},
        "needs": [
            ("production", "Banyak tanaman mati kena busuk pangkal batang, perlu pendampingan "
                           "budidaya dan bibit sehat."),
            ("marketing", "Ingin lada dikemas dan dijual sebagai produk bermerek, bukan curah "
                          "ke pengepul."),
            ("institutional", "Mau jual lada bubuk kemasan tapi belum punya PIRT dan merek.",
             "nopirt"),
        ],
        "forms": {"group": 2.0}, "max_scale": "medium", "derivable": True, "weight": 3,
    },
    {
        "key": "jeruk_siam", "sector": "agriculture", "regencies": ["6101", "6102"],
        "commodities": [["jeruk siam"], ["jeruk sambas"], ["jeruk pontianak", "jeruk siam"],
                        ["jeruk tebas"]],
        "brand": ["Jeruk", "Limau"], "group": "Tani",
        "names": ["Kebun Jeruk {owner}", "{brand} {good} {village}"],
        "intros": [
            "Kebun jeruk siam ±{*1.0-6.0} ha di {village}, panen raya dua kali setahun, "
            "±{*5-40} ton sekali panen.",
            "M:Petani jeruk {village}, sebagian tanaman umur {5-12} tahun, jual ke pedagang yang "
            "datang langsung ke kebun.",
        ],
        "channel": "raw", "food": False,
        "certs": {"organic": 0.05},
        "needs": [
            ("production", "Serangan lalat buah dan penyakit CVPD, butuh pendampingan "
                           "pengendalian hama."),
            ("marketing", "Waktu panen raya harga jatuh sampai Rp{3-6} ribu/kg, ingin ada pembeli "
                          "kontrak atau olahan sari jeruk."),
            ("networking", "Mencari mitra cold storage supaya jeruk bisa disimpan lebih lama."),
        ],
        "forms": {"group": 1.5}, "derivable": True, "weight": 2,
    },
    {
        "key": "tenun_songket", "sector": "craft", "regencies": ["6101", "6172", "6171"],
        "commodities": [["tenun songket"], ["songket sambas", "kain songket"],
                        ["tenun songket", "selendang songket"], ["songket"]],
        "brand": ["Songket", "Tenun"], "group": "Perajin",
        "names": ["Sanggar {brand} {good}", "{brand} {owner}", "Galeri {brand} {village}"],
        "intros": [
            "{*3-25} penenun di {village} buat kain songket benang emas dan selendang, satu kain "
            "{2-6} minggu dikerjakan.",
            "Usaha songket dan tenun motif Sambas, menerima pesanan kain, selendang dan peci "
            "songket.",
        ],
        "channel": "craft", "food": False,
        "certs": {"trademark": 0.2},
        "needs": [
            ("hr", "Penenun rata-rata sudah tua, anak muda jarang mau belajar; perlu pelatihan "
                   "regenerasi penenun."),
            ("production", "Benang emas dan benang sutra harus beli dari Jawa, sering telat dan "
                           "mahal."),
            ("marketing", "Harga songket tinggi jadi lambat laku, mau bikin produk turunan "
                          "(dompet, tas, bros) untuk oleh-oleh."),
        ],
        "forms": {"group": 2.5}, "derivable": True, "weight": 2,
    },
    {
        "key": "tenun_ikat", "sector": "craft", "regencies": ["6107", "6108", "6109", "6105"],
        "commodities": [["tenun ikat"], ["tenun ikat", "kain kebat"], ["tenun dayak"],
                        ["kain tenun", "pewarna alam"]],
        "brand": ["Tenun", "Kebat", "Ikat"], "group": "Perajin",
        "names": ["{brand} {local} {good}", "Sanggar {brand} {village}"],
        "intros": [
            "G:{*5-30} ibu penenun di {village} membuat tenun ikat motif Dayak pakai pewarna alam "
            "dari akar dan daun, satu kain {3-8} minggu.",
            "Produksi kain tenun ikat dan selendang, sebagian pakai benang pabrik supaya lebih "
            "cepat. Ada {*3-12} penenun yang kerja di rumah masing-masing.",
        ],
        "channel": "craft", "food": False,
        "certs": {"trademark": 0.15},
        "needs": [
            ("production", "Pewarna alam hasilnya tidak selalu sama, perlu pendampingan resep dan "
                           "pengunci warna."),
            ("marketing", "Ingin kain masuk butik di Jakarta dan Bali tapi tidak punya kenalan."),
            ("institutional", "Motif tradisional mau didaftarkan supaya tidak diklaim orang "
                              "lain."),
        ],
        "forms": {"group": 3.0}, "derivable": True, "weight": 2,
    },
    {
        "key": "manik", "sector": "craft", "regencies": ["6103", "6107", "6108", "6171"],
        "commodities": [["manik-manik"], ["manik manik dayak", "tas manik"], ["kerajinan manik"],
                        ["manik", "gelang manik"]],
        "brand": ["Manik", "Kriya Manik"], "group": "Perajin",
        "names": ["{brand} {local} {good}", "{brand} {owner}"],
        "intros": [
            "Buat kalung, gelang, tas dan topi manik motif Dayak, {*3-15} perajin kerja dari "
            "rumah.",
            "Kerajinan manik-manik untuk aksesoris pengantin dan baju adat, sebulan "
            "±{*30-150/10} buah macam-macam.",
        ],
        "channel": "craft", "food": False,
        "certs": {"trademark": 0.15},
        "needs": [
            ("production", "Manik kaca bagus harus pesan dari Jawa, ongkos kirim mahal dan lama."),
            ("it", "Mau jual di marketplace tapi belum paham foto produk, hasil foto HP gelap."),
            ("marketing", "Mencari toko suvenir di bandara dan hotel yang mau ambil rutin."),
        ],
        "forms": {"group": 1.5}, "derivable": True, "weight": 2,
    },
    {
        "key": "rumput_laut", "sector": "fishery", "regencies": ["6111", "6106", "6101"],
        "commodities": [["rumput laut"], ["rumput laut kering"], ["rumput laut", "agar-agar"]],
        "brand": ["Rumput Laut", "Samudra"], "group": "Pembudidaya",
        "names": ["{good} {local} {village}"],
        "intros": [
            "Budidaya rumput laut ±{*2-12} ha di perairan {village}, panen tiap {45|50|60} hari, "
            "dikeringkan di para-para.",
            "G:Anggota tanam rumput laut dan ibu-ibu olah sebagian jadi dodol dan agar-agar.",
        ],
        "channel": "raw", "food": False,
        "certs": {},
        "needs": [
            ("production", "Rumput laut kena penyakit ice-ice waktu musim panas, bibit perlu "
                           "diganti."),
            ("marketing", "Harga rumput laut kering di pengepul turun, ingin jual ke pabrik "
                          "karaginan."),
        ],
        "forms": {"group": 2.5}, "derivable": True, "weight": 1,
    },
    {
        "key": "ikan_asin", "sector": "fishery",
        "regencies": ["6112", "6106", "6111", "6104", "6101"],
        "commodities": [["ikan asin"], ["ikan asin", "udang ebi"], ["ikan teri asin", "ikan asin"],
                        ["ebi", "ikan kering"], ["ikan asin bulu ayam"]],
        "brand": ["Ikan Asin", "Ebi"], "group": "Pengolah Ikan",
        "names": ["{brand} {owner}", "{brand} {good} {village}", "UD {good} Bahari"],
        "intros": [
            "Olah ikan asin, teri dan udang ebi dari nelayan {village}, ±{*200-1500/50} kg "
            "sebulan tergantung musim.",
            "Jemur ikan asin di para-para pinggir pantai, {staff} pekerja harian.",
        ],
        "channel": "raw", "food": True,
        "certs": {"pirt": 0.25, "halal": 0.1, "haccp": 0.04},
        "needs": [
            ("production", "Penjemuran masih di tanah dan banyak lalat, ingin alat pengering dan "
                           "cara olah yang higienis."),
            ("marketing", "Pembeli dari luar daerah minta kemasan vakum, belum punya mesin vakum."),
            ("financing", "Modal kurang untuk beli mesin vakum dan freezer, ±Rp{20-50} juta."),
        ],
        "max_scale": "medium", "derivable": True, "weight": 2,
    },
    {
        "key": "kepiting", "sector": "fishery", "regencies": ["6112", "6111", "6106"],
        "commodities": [["kepiting bakau"], ["kepiting", "rajungan"], ["kepiting soka"]],
        "brand": ["Kepiting", "Bakau"], "group": "Nelayan",
        "names": ["{good} {local} {village}", "{brand} {owner}"],
        "intros": [
            "Kumpulkan kepiting bakau dan rajungan dari nelayan {village}, ±{*100-600/20} kg "
            "seminggu, dikirim hidup ke Pontianak.",
            "Mulai coba budidaya kepiting soka di tambak ±{*0.5-2.0} ha.",
        ],
        "channel": "raw", "food": False,
        "certs": {},
        "needs": [
            ("production", "Banyak kepiting mati di perjalanan, butuh cara packing dan "
                           "penampungan yang benar."),
            ("networking", "Ingin kontrak dengan restoran seafood dan eksportir kepiting."),
        ],
        "max_scale": "medium", "derivable": True, "weight": 1,
    },
    {
        "key": "budidaya_ikan", "sector": "fishery",
        "regencies": ["6112", "6171", "6105", "6107", "6103", "6104", "6110", "6109"],
        "commodities": [["ikan lele", "ikan nila"], ["lele", "nila"], ["lele dumbo"],
                        ["ikan nila", "ikan patin"]],
        "brand": ["Mina", "Kolam"], "group": "Pembudidaya Ikan",
        "names": ["{brand} {good} {village}", "Kolam Ikan {owner}"],
        "intros": [
            "Budidaya ikan di {*4-20} kolam terpal dan tanah, panen ±{*300-2000/100} kg sebulan.",
            "Keramba ikan di sungai dekat {village}, {*10-40} petak, bibit beli dari Pontianak.",
        ],
        "channel": "raw", "food": False,
        "certs": {},
        "needs": [
            ("production", "Harga pakan pabrik naik terus, ingin belajar buat pakan mandiri dari "
                           "bahan lokal."),
            ("production", "Banyak ikan mati waktu air sungai keruh, perlu pendampingan kualitas "
                           "air."),
            ("marketing", "Butuh pembeli tetap, selama ini jual ke pasar dan tetangga saja."),
        ],
        "forms": {"group": 1.5}, "derivable": False, "weight": 3,
    },
    {
        "key": "keripik", "sector": "home_industry",
        "regencies": ["6107", "6103", "6105", "6110", "6171", "6109", "6112"],
        "commodities": [["keripik keladi"], ["keripik pisang"], ["kripik keladi", "keripik pisang"],
                        ["keripik talas"], ["keripik pisang kepok", "keripik ubi"]],
        "brand": ["Keripik", "Kripik"], "group": "Wanita Tani",
        "names": ["{brand} {owner}", "{brand} {good} {village}", "Camilan {local} {good}"],
        "intros": [
            "Buat keripik keladi dan pisang, bahan dari kebun warga {village}, ±{*50-300/10} "
            "bungkus sehari.",
            "Usaha keripik aneka rasa (original, balado, pedas manis), ±{*20-80/5} kg sehari, "
            "iris masih pakai tangan.",
        ],
        "channel": "food", "food": True,
        "certs": {"pirt": 0.6, "halal": 0.35, "trademark": 0.15, "bpom": 0.1},
        "needs": [
            ("production", "Ketebalan irisan tidak sama dan minyak banyak, butuh mesin perajang "
                           "dan spinner."),
            ("financing", "Butuh modal ±Rp{10-30} juta untuk stok bahan dan kemasan."),
        ],
        "derivable": True, "weight": 3,
    },
    {
        "key": "tempayan", "sector": "craft", "regencies": ["6172", "6102"],
        "commodities": [["tempayan"], ["keramik", "tempayan naga"], ["gerabah", "guci"]],
        "brand": ["Keramik", "Tempayan"], "group": "Perajin",
        "names": ["{brand} {good} {village}", "Tungku Naga {owner}"],
        "intros": [
            "Buat tempayan, guci dan pot keramik di tungku naga, sekali bakar {*100-400/20} buah.",
            "Usaha keramik keluarga sejak tahun {1975-1995}, produk tempayan dan suvenir kecil.",
        ],
        "channel": "craft", "food": False,
        "certs": {"trademark": 0.1},
        "needs": [
            ("production", "Kayu bakar untuk tungku makin susah dan mahal, ingin belajar "
                           "efisiensi tungku."),
            ("marketing", "Barang berat dan mudah pecah, ongkir ke luar Kalbar mahal; perlu mitra "
                          "pengiriman."),
        ],
        "derivable": True, "weight": 1,
    },
    {
        "key": "anyaman_rotan", "sector": "craft",
        "regencies": ["6108", "6107", "6110", "6106", "6103"],
        "commodities": [["anyaman rotan"], ["kerajinan rotan", "tas rotan"], ["rotan"],
                        ["anyaman rotan", "tikar"]],
        "brand": ["Rotan", "Anyaman"], "group": "Perajin",
        "names": ["{brand} {local} {good}", "Anyaman {owner}"],
        "intros": [
            "Anyam tas, keranjang dan tikar rotan, rotan ambil sendiri dari hutan sekitar "
            "{village}. {*5-25} perajin.",
            "Kerajinan rotan untuk perabot kecil dan suvenir, sebulan ±{*40-200/10} buah.",
        ],
        "channel": "craft", "food": False,
        "certs": {"trademark": 0.1},
        "needs": [
            ("production", "Rotan belum diawetkan jadi kadang berjamur; perlu cara pengawetan "
                           "dan pewarnaan."),
            ("marketing", "Model anyaman itu-itu saja, butuh pendampingan desain produk yang "
                          "disukai pasar kota."),
        ],
        "forms": {"group": 2.0}, "derivable": True, "weight": 2,
    },
    {
        "key": "anyaman_bambu", "sector": "craft",
        "regencies": ["6104", "6101", "6112", "6103", "6111"],
        "commodities": [["anyaman bambu", "tampah"], ["anyaman pandan", "tikar pandan"],
                        ["kerajinan bambu", "bakul"], ["anyaman purun", "tikar purun"]],
        "brand": ["Anyaman", "Pandan"], "group": "Perajin",
        "names": ["{brand} {good} {village}", "{brand} {owner}"],
        "intros": [
            "Anyam tikar, tas dan tampah dari pandan, purun dan bambu, {*4-20} ibu-ibu kerja "
            "sambil jaga rumah.",
            "Buat anyaman untuk pasar (tikar, bakul, tampah) dan terima pesanan suvenir, "
            "±{*50-300/10} buah sebulan.",
        ],
        "channel": "craft", "food": False,
        "certs": {},
        "needs": [
            ("marketing", "Produk masih dijual murah ke pasar, ingin dibantu bikin produk "
                          "modern seperti tas laptop dan tempat tisu."),
            ("production", "Pewarnaan pandan luntur kalau kena air, perlu pelatihan pewarna."),
        ],
        "forms": {"group": 2.0}, "derivable": False, "weight": 2,
    },
    {
        "key": "kelapa", "sector": "plantation", "regencies": ["6112", "6104", "6101", "6111"],
        "commodities": [["kelapa"], ["kelapa dalam", "kopra"], ["kelapa", "minyak kelapa"],
                        ["kelapa muda"]],
        "brand": ["Nyiur", "Kelapa"], "group": "Tani",
        "names": ["{brand} {good} {village}", "UD {brand} {local}"],
        "intros": [
            "Kebun kelapa dalam ±{*2-15} ha di {village}, sebagian dijual butiran, sebagian "
            "diolah jadi kopra.",
            "Kumpul kelapa bulat dan kelapa muda dari petani {village}, ±{*2000-10000/500} butir "
            "seminggu.",
        ],
        "channel": "raw", "food": False,
        "certs": {"organic": 0.05},
        "needs": [
            ("production", "Mau olah kelapa jadi VCO dan minyak goreng kelapa supaya nilai "
                           "jualnya naik, perlu pelatihan dan alat."),
            ("marketing", "Harga kopra ditekan pengepul, ingin jual bersama ke pabrik."),
        ],
        "max_scale": "medium", "derivable": True, "weight": 2,
    },
    {
        "key": "vco", "sector": "home_industry", "regencies": ["6112", "6104", "6111", "6171"],
        "commodities": [["minyak kelapa murni", "VCO"], ["virgin coconut oil"],
                        ["minyak kelapa", "kelapa"]],
        "brand": ["VCO", "Minyak Kelapa"], "group": "Wanita Tani",
        "names": ["{brand} {local} {good}", "{brand} {owner}"],
        "intros": [
            "Produksi VCO cara fermentasi ±{*20-100/5} liter sebulan, botol {100|250|500} ml.",
            "Buat minyak kelapa dan VCO dari kelapa kebun sendiri, sisa ampas dijual untuk pakan.",
        ],
        "channel": "food", "food": True,
        "certs": {"pirt": 0.4, "halal": 0.3, "bpom": 0.25},
        "needs": [
            ("institutional", "VCO dijual untuk kesehatan, toko herbal minta izin edar BPOM; "
                              "belum tahu syaratnya.", "nobpom"),
            ("production", "Hasil VCO kadang keruh dan bau, perlu uji mutu dan SOP."),
        ],
        "derivable": False, "weight": 1,
    },
    {
        "key": "sawit", "sector": "plantation",
        "regencies": ["6105", "6106", "6103", "6109", "6107", "6110", "6102"],
        "commodities": [["kelapa sawit"], ["sawit", "TBS"], ["kebun sawit"],
                        ["sawit swadaya", "tbs"]],
        "brand": ["Sawit", "Tandan"], "group": "Tani",
        "names": ["Kebun Sawit {owner}", "{good} {local} {village}"],
        "intros": [
            "G:Petani sawit swadaya, total kebun anggota ±{*30-300/10} ha, TBS dijual lewat "
            "pengumpul ke pabrik.",
            "I:Kebun sawit swadaya ±{*2-8} ha, tanaman umur {6-20} tahun, panen dua kali "
            "sebulan.",
        ],
        "channel": "raw", "food": False,
        "certs": {},
        "needs": [
            ("institutional", "Kebun belum ada STDB dan belum sertifikasi ISPO, takut TBS tidak "
                              "diterima pabrik nanti."),
            ("financing", "Butuh dana replanting dan pupuk, pinjaman ke bank susah karena "
                          "sertifikat lahan belum ada."),
            ("networking", "Ingin kemitraan langsung dengan pabrik kelapa sawit supaya harga TBS "
                           "ikut penetapan dinas."),
        ],
        "forms": {"group": 2.0, "cooperative": 3.0}, "max_scale": "medium",
        "derivable": True, "weight": 2,
    },
    {
        "key": "gaharu", "sector": "forestry", "regencies": ["6108", "6110", "6106", "6107"],
        "commodities": [["gaharu"], ["kayu gaharu", "minyak gaharu"],
                        ["gaharu budidaya", "kayu gaharu"]],
        "brand": ["Gaharu", "Wangi"], "group": "Tani Hutan",
        "names": ["{brand} {local} {good}"],
        "intros": [
            "Tanam gaharu ±{*500-3000/100} batang di kebun {village}, sebagian sudah disuntik "
            "inokulan.",
            "Kumpul dan sortir gubal dan kemedangan gaharu dari pencari di {village}.",
        ],
        "channel": "raw", "food": False,
        "certs": {},
        "needs": [
            ("institutional", "Perdagangan gaharu perlu izin dan kuota, kami belum paham "
                              "dokumennya."),
            ("production", "Hasil inokulasi belum bagus, butuh pendampingan teknis dari ahli."),
        ],
        "derivable": True, "weight": 1,
    },
    {
        "key": "tengkawang", "sector": "forestry", "regencies": ["6108", "6109", "6107", "6105"],
        "commodities": [["tengkawang"], ["buah tengkawang", "minyak tengkawang"],
                        ["tengkawang", "illipe nut"]],
        "brand": ["Tengkawang"], "group": "Tani Hutan",
        "names": ["{brand} {good} {village}"],
        "intros": [
            "Kumpul buah tengkawang dari hutan adat {village} waktu musim raya, beberapa tahun "
            "sekali bisa ±{*2-15} ton.",
            "Coba olah tengkawang jadi lemak/mentega tengkawang dan sabun.",
        ],
        "channel": "raw", "food": False,
        "certs": {"organic": 0.1},
        "needs": [
            ("marketing", "Tengkawang hanya panen raya beberapa tahun sekali, butuh pembeli yang "
                          "mau beli berkelanjutan."),
            ("production", "Butuh alat press dan cara simpan biji supaya tidak berjamur."),
        ],
        "forms": {"group": 3.0}, "derivable": False, "weight": 1,
    },
    {
        "key": "ayam_kampung", "sector": "livestock", "regencies": ["*"],
        "commodities": [["ayam kampung"], ["ayam kampung", "telur ayam kampung"], ["ayam buras"],
                        ["ayam kampong"]],
        "brand": ["Ayam", "Unggas"], "group": "Peternak",
        "names": ["Ternak Ayam {owner}", "{brand} {good} {village}"],
        "intros": [
            "Pelihara ayam kampung ±{*200-2000/100} ekor di kandang panggung, jual ayam hidup "
            "dan telur.",
            "Ternak ayam kampung super, siklus {60-75} hari, ±{*300-1500/100} ekor per siklus.",
        ],
        "channel": "raw", "food": False,
        "certs": {},
        "needs": [
            ("production", "Banyak ayam mati waktu pergantian musim, butuh pendampingan "
                           "vaksinasi dan kandang."),
            ("financing", "Mau tambah kandang dan mesin tetas, butuh modal ±Rp{15-60} juta."),
            ("marketing", "Ingin jadi pemasok tetap rumah makan dan katering."),
        ],
        "derivable": True, "weight": 3,
    },
    {
        "key": "sapi_kambing", "sector": "livestock",
        "regencies": ["6102", "6104", "6112", "6103", "6101", "6105", "6172"],
        "commodities": [["sapi"], ["sapi bali", "kambing"], ["kambing", "sapi potong"],
                        ["sapi potong"]],
        "brand": ["Ternak", "Lembu"], "group": "Peternak",
        "names": ["{brand} {good} {village}", "Peternakan {owner}"],
        "intros": [
            "Pelihara sapi bali ±{*10-60} ekor dan kambing ±{*10-50} ekor, pakan rumput dari "
            "lahan sawit dan kebun.",
            "Penggemukan kambing dan sapi untuk kurban, ramai jual menjelang Iduladha.",
        ],
        "channel": "raw", "food": False,
        "certs": {},
        "needs": [
            ("production", "Pakan hijauan kurang waktu kemarau, ingin belajar buat silase."),
            ("financing", "Butuh pembiayaan bibit sapi dengan angsuran setelah panen."),
            ("marketing", "Selain kurban, penjualan tidak rutin; ingin kerja sama dengan RPH dan "
                          "pedagang daging."),
        ],
        "forms": {"group": 2.0}, "derivable": True, "weight": 2,
    },
    {
        "key": "lempok", "sector": "home_industry",
        "regencies": ["6101", "6103", "6171", "6102", "6105"],
        "commodities": [["lempok durian"], ["lempok", "tempoyak"], ["dodol durian"]],
        "brand": ["Lempok", "Durian"], "group": "Wanita Tani",
        "names": ["{brand} {owner}", "{brand} {good} {village}"],
        "intros": [
            "Buat lempok durian waktu musim durian, bisa ±{*100-600/20} kg semusim, di luar "
            "musim pakai stok daging durian beku.",
            "M:Olah durian lokal jadi lempok dan tempoyak, kemasan daun dan plastik.",
        ],
        "channel": "food", "food": True,
        "certs": {"pirt": 0.5, "halal": 0.3},
        "needs": [
            ("production", "Di luar musim durian produksi berhenti, butuh freezer besar untuk "
                           "simpan daging durian."),
            ("marketing", "Kemasan lempok masih dibungkus daun, ingin kemasan yang bisa masuk "
                          "toko oleh-oleh dan dibawa naik pesawat.", "micro"),
        ],
        "derivable": True, "weight": 2,
    },
    {
        "key": "durian_buah", "sector": "agriculture",
        "regencies": ["6103", "6102", "6105", "6108", "6107"],
        "commodities": [["durian", "cempedak"], ["durian lokal"], ["duren", "pisang"]],
        "brand": ["Buah", "Durian"], "group": "Tani",
        "names": ["Kebun {good} {village}", "{brand} {owner}"],
        "intros": [
            "Kebun campur ±{*1.0-5.0} ha di {village}: durian, cempedak dan pisang, sebagian "
            "pohon durian baru mulai berbuah.",
            "Kumpul durian dan cempedak dari kebun warga {village} waktu musim, ±{*2-10} ton "
            "semusim, dikirim ke Pontianak.",
        ],
        "channel": "raw", "food": False,
        "certs": {},
        "needs": [
            ("marketing", "Waktu musim durian banyak yang busuk tidak terjual, ingin ada offtaker "
                          "atau olahan (lempok, daging beku)."),
            ("production", "Ingin dapat bibit durian unggul lokal dan belajar sambung pucuk."),
        ],
        "derivable": True, "weight": 1,
    },
    {
        "key": "nanas", "sector": "agriculture", "regencies": ["6112", "6104"],
        "commodities": [["nanas"], ["nenas", "pisang"], ["nanas kubu raya"]],
        "brand": ["Nanas", "Nenas"], "group": "Tani",
        "names": ["Kebun {brand} {owner}", "{brand} {good} {village}"],
        "intros": [
            "Tanam nanas ±{*1.0-8.0} ha di lahan gambut {village}, panen ±{*3000-15000/500} buah "
            "sebulan.",
            "G:Anggota tanam nanas dan pisang di lahan gambut, sebagian nanas diolah jadi selai "
            "dan dodol nanas.",
        ],
        "channel": "raw", "food": False,
        "certs": {"organic": 0.05},
        "needs": [
            ("marketing", "Waktu panen raya nanas busuk tidak terjual, ingin ada offtaker atau "
                          "olahan (selai, keripik)."),
            ("production", "Ingin pendampingan pemupukan lahan gambut dan bibit nanas seragam."),
        ],
        "derivable": True, "weight": 1,
    },
    {
        "key": "sayur", "sector": "agriculture",
        "regencies": ["6172", "6112", "6171", "6104", "6102"],
        "commodities": [["sayur"], ["sayuran", "cabai"], ["sawi", "kangkung", "cabe rawit"],
                        ["sayur organik"]],
        "brand": ["Sayur", "Hortikultura"], "group": "Wanita Tani",
        "names": ["Kebun Sayur {owner}", "{brand} {good} {village}"],
        "intros": [
            "Tanam sayur daun (sawi, kangkung, bayam) dan cabai di lahan ±{*0.3-2.0} ha, panen "
            "hampir tiap hari.",
            "G:Kelompok ibu-ibu tanam sayur di pekarangan dan lahan bersama, panen harian.",
        ],
        "channel": "raw", "food": False,
        "channels": [
            "M:Tiap pagi dibawa sendiri ke pasar {town} pakai motor.",
            "Sebagian diambil pedagang sayur keliling, sebagian dijual di depan rumah.",
            "B:Pasok rutin ke {2-5} swalayan dan rumah makan di {town}.",
        ],
        "certs": {"organic": 0.12},
        "needs": [
            ("production", "Ingin belajar hidroponik supaya bisa tanam waktu musim banjir."),
            ("marketing", "Ingin jadi pemasok sayur rutin ke hotel dan swalayan di {town}."),
            ("institutional", "Mau urus sertifikat organik / prima tapi biayanya tidak tahu.",
             "noorganic"),
        ],
        "forms": {"group": 1.5}, "derivable": False, "weight": 2,
    },
    {
        "key": "beras", "sector": "agriculture",
        "regencies": ["6101", "6112", "6104", "6103", "6106"],
        "commodities": [["padi"], ["beras", "beras merah"], ["beras lokal"], ["gabah", "padi"]],
        "brand": ["Padi", "Beras"], "group": "Tani",
        "names": ["{good} {local} {village}", "Penggilingan {owner}"],
        "intros": [
            "G:Anggota tanam padi sawah ±{*20-150/5} ha, panen sekali/dua kali setahun, "
            "sebagian digiling di penggilingan kecil milik kelompok.",
            "Jual beras lokal dan beras merah kemasan {2|5|10} kg dari padi petani {village}, "
            "±{*2-10} ton sebulan.",
        ],
        "channel": "raw", "food": False,
        "certs": {"organic": 0.1, "trademark": 0.1},
        "needs": [
            ("production", "Mesin penggiling tua, beras banyak patah; ingin mesin baru."),
            ("marketing", "Beras lokal kalah bersaing dengan beras luar, butuh kemasan dan "
                          "merek."),
            ("financing", "Butuh modal untuk beli gabah petani waktu panen supaya tidak dijual "
                          "murah."),
        ],
        "forms": {"group": 2.0, "cooperative": 2.0, "bumdes": 2.0}, "max_scale": "medium",
        "derivable": True, "weight": 2,
    },
    {
        "key": "jagung", "sector": "agriculture", "regencies": ["6102", "6103", "6101"],
        "commodities": [["jagung"], ["jagung pipil"], ["jagung manis"]],
        "brand": ["Jagung"], "group": "Tani",
        "names": ["{good} {local} {village}"],
        "intros": [
            "G:Anggota tanam jagung pakan ±{*5-60} ha, jual jagung pipil kering ke peternak dan "
            "pabrik pakan.",
            "I:Tanam jagung ±{*1-6} ha di {village}, dua kali tanam setahun, jagung pipil dijual "
            "ke peternak ayam.",
        ],
        "channel": "raw", "food": False,
        "certs": {},
        "needs": [
            ("production", "Butuh mesin pemipil dan pengering karena kadar air jagung tinggi dan "
                           "harga dipotong."),
            ("networking", "Ingin kemitraan dengan pabrik pakan atau peternak ayam besar."),
        ],
        "forms": {"group": 2.5}, "derivable": True, "weight": 1,
    },
    {
        "key": "kue_bingke", "sector": "home_industry", "regencies": ["6171", "6112"],
        "commodities": [["kue bingke"], ["bingke", "kue basah"], ["bingke berendam"]],
        "brand": ["Bingke", "Kue"], "group": "Usaha Bersama",
        "names": ["{brand} {owner}", "{brand} {good} {village}"],
        "intros": [
            "Buat kue bingke aneka rasa (pandan, durian, keju) ±{*50-300/10} loyang sehari, "
            "ramai bulan puasa.",
            "Toko kue bingke dan kue basah khas Pontianak, pesanan juga untuk acara.",
        ],
        "channel": "food", "food": True,
        "certs": {"pirt": 0.6, "halal": 0.5, "trademark": 0.15},
        "needs": [
            ("production", "Bingke cuma tahan {2|3} hari, pembeli luar kota minta yang lebih "
                           "awet untuk oleh-oleh."),
            ("it", "Pesanan masuk lewat WA campur aduk, sering salah catat; ingin aplikasi kasir "
                   "dan pesanan."),
        ],
        "derivable": False, "weight": 1,
    },
    {
        "key": "choi_pan", "sector": "home_industry", "regencies": ["6172", "6171"],
        "commodities": [["choi pan"], ["chai kue", "choi pan"], ["choipan", "kue kucai"]],
        "brand": ["Choi Pan", "Chai Kue"], "group": "Usaha Bersama",
        "names": ["{brand} {owner}", "{brand} {good}"],
        "intros": [
            "Buat choi pan isi bengkuang, kucai dan keladi ±{*300-1500/50} biji sehari, juga "
            "dijual beku.",
        ],
        "channel": "food", "food": True,
        "certs": {"pirt": 0.5, "trademark": 0.1},
        "needs": [
            ("production", "Mau jual choi pan beku ke luar kota, belum tahu cara pembekuan dan "
                           "kemasan yang aman."),
            ("marketing", "Ingin masuk aplikasi pesan-antar makanan dan toko oleh-oleh."),
        ],
        "derivable": False, "weight": 1,
    },
    {
        "key": "sambal", "sector": "home_industry", "regencies": ["6171", "6172", "6112"],
        "commodities": [["sambal"], ["sambal botol", "sambal teri"], ["sambal bawang"]],
        "brand": ["Sambal", "Sambel"], "group": "Usaha Bersama",
        "names": ["{brand} {owner}", "{brand} {good} {local}"],
        "intros": [
            "Produksi sambal botol (teri, bawang, cumi) ±{*100-600/20} botol seminggu.",
            "M:Sambal rumahan resep keluarga, dijual botol kaca {150|200} gram.",
        ],
        "channel": "food", "food": True,
        "certs": {"pirt": 0.6, "halal": 0.4, "trademark": 0.2, "bpom": 0.15},
        "needs": [
            ("production", "Sambal kadang berjamur sebelum {1|2} bulan, perlu uji umur simpan "
                           "dan cara sterilisasi botol."),
        ],
        "derivable": False, "weight": 1,
    },
    {
        "key": "batik", "sector": "craft", "regencies": ["6171", "6104", "6172"],
        "commodities": [["batik kalbar"], ["batik corak insang"], ["batik", "kain batik"]],
        "brand": ["Batik", "Corak Insang"], "group": "Perajin",
        "names": ["{brand} {good} {local}", "Rumah {brand} {owner}"],
        "intros": [
            "Buat batik tulis dan cap motif corak insang dan motif Dayak, ±{*30-150/10} lembar "
            "sebulan.",
        ],
        "channel": "craft", "food": False,
        "certs": {"trademark": 0.2, "sni": 0.05},
        "needs": [
            ("production", "Limbah pewarna masih dibuang ke parit, perlu IPAL sederhana."),
            ("marketing", "Pesanan seragam instansi hanya musiman, perlu pasar ritel yang tetap."),
        ],
        "derivable": False, "weight": 1,
    },
    {
        "key": "mebel", "sector": "craft",
        "regencies": ["6106", "6107", "6105", "6112", "6110"],
        "commodities": [["mebel kayu"], ["kayu olahan", "mebel"], ["furnitur kayu"],
                        ["kusen", "kayu olahan"]],
        "brand": ["Mebel", "Kayu"], "group": "Perajin",
        "names": ["{brand} {good} {local}", "UD {brand} {owner}"],
        "intros": [
            "Buat meja, kursi, lemari dan kusen dari kayu lokal, {staff} tukang, pesanan "
            "±{*10-40} unit sebulan.",
            "Usaha kayu olahan dan mebel, bahan beli dari pemilik kayu rakyat di {village}.",
        ],
        "channel": "craft", "food": False,
        "channels": [
            "Pesanan langsung dari warga dan kantor di {town}.",
            "Ada toko mebel di Pontianak yang ambil rutin {*5-20} unit sebulan.",
            "M:Barang dipajang di depan bengkel kerja di pinggir jalan {village}.",
            "B:Sudah kirim ke proyek perumahan dan toko mebel di Pontianak dan Jawa.",
        ],
        "certs": {"svlk": 0.5, "trademark": 0.1},
        "needs": [
            ("institutional", "Mau kirim mebel ke Jawa tapi diminta dokumen SVLK/legalitas kayu.",
             "nosvlk"),
            ("production", "Kayu belum dioven jadi sering retak dan memuai, perlu kiln dryer."),
        ],
        "max_scale": "medium", "derivable": False, "weight": 2,
    },
    {
        "key": "catering", "sector": "services",
        "regencies": ["6171", "6172", "6112", "6106", "6107"],
        "commodities": [["jasa catering"], ["katering", "nasi kotak"], ["catering"]],
        "brand": ["Dapur", "Katering"], "group": "Usaha Bersama",
        "names": ["{brand} {owner}", "{brand} {good} {local}"],
        "intros": [
            "Layani nasi kotak dan prasmanan untuk kantor dan hajatan, ±{*100-800/50} porsi "
            "seminggu.",
            "Usaha katering, pelanggan tetap beberapa kantor dan sekolah di {town}.",
        ],
        "channel": "service", "food": True,
        "certs": {"halal": 0.3, "pirt": 0.2},
        "needs": [
            ("institutional", "Instansi minta sertifikat laik higiene dan halal untuk ikut "
                              "tender katering.", "nohalal"),
            ("hr", "Karyawan dapur belum terlatih higiene dan hitung porsi, sering boros bahan."),
        ],
        "derivable": False, "weight": 2,
    },
    {
        "key": "wisata", "sector": "tourism",
        "regencies": ["6111", "6108", "6102", "6172", "6101", "6103"],
        "commodities": [["homestay"], ["homestay", "paket wisata"], ["wisata alam", "penginapan"],
                        ["pondok wisata"]],
        "brand": ["Homestay", "Wisata"], "group": "Sadar Wisata",
        "names": ["{brand} {good} {village}", "{brand} {owner}"],
        "intros": [
            "Kelola {*3-12} kamar homestay dan paket wisata sungai/pantai di {village}, tamu "
            "±{*20-150/10} orang sebulan.",
            "G:Rumah warga dijadikan homestay, ada paket susur sungai, kuliner lokal dan tari "
            "adat.",
        ],
        "channel": "service", "food": False,
        "channels": [
            "Tamu kebanyakan dari Pontianak dan Kuching, ramai waktu libur sekolah dan Cap Go "
            "Meh.",
            "Promosi lewat Facebook dan Instagram, pemesanan lewat WA.",
            "Tamu datang lewat kenalan pemandu dari Pontianak, belum ada kerja sama dengan agen.",
        ],
        "certs": {},
        "needs": [
            ("hr", "Pemandu dan pengelola homestay perlu pelatihan pelayanan tamu dan bahasa "
                   "Inggris dasar."),
            ("it", "Belum terdaftar di aplikasi pemesanan hotel, tidak tahu cara pasang foto dan "
                   "harga."),
            ("networking", "Ingin kerja sama dengan agen perjalanan di Pontianak dan Kuching."),
        ],
        "forms": {"group": 2.0, "bumdes": 3.0}, "derivable": True, "weight": 3,
    },
    {
        "key": "kelontong", "sector": "trade", "regencies": ["*"],
        "commodities": [["toko kelontong"], ["sembako"], ["warung sembako"], ["kelontong"]],
        "brand": ["Toko", "Warung"], "group": "Usaha Bersama",
        "names": ["Toko {good} {owner}", "Warung {owner}", "Toko {local} {good}"],
        "intros": [
            "M:Toko kelontong dan sembako di {village}, omzet harian ±Rp{1-6} juta.",
            "M:Warung sembako dan kebutuhan rumah tangga, juga jual gas elpiji dan pulsa.",
            "B:Toko grosir sembako di {village}, melayani {*20-60} warung kecil di sekitarnya.",
        ],
        "channel": "service", "food": False,
        "certs": {},
        "needs": [
            ("it", "Stok barang masih dicatat di buku, sering selisih; ingin aplikasi kasir "
                   "sederhana di HP."),
            ("financing", "Butuh tambahan modal ±Rp{10-40} juta untuk stok menjelang Lebaran."),
            ("networking", "Ingin ambil barang langsung dari distributor supaya harga lebih "
                           "murah."),
        ],
        "derivable": True, "weight": 2,
    },
    {
        "key": "bengkel", "sector": "services", "regencies": ["*"],
        "commodities": [["bengkel motor"], ["servis motor", "tambal ban"], ["bengkel"]],
        "brand": ["Bengkel", "Motor"], "group": "Usaha Bersama",
        "names": ["Bengkel {owner}", "Bengkel {good} {local}"],
        "intros": [
            "Bengkel motor dan ganti oli di pinggir jalan {village}, {staff} mekanik.",
            "Servis motor, tambal ban dan jual suku cadang kecil, buka sampai malam.",
        ],
        "channel": "service", "food": False,
        "certs": {},
        "needs": [
            ("hr", "Mekanik belum bersertifikat dan belum paham motor injeksi, butuh pelatihan."),
            ("financing", "Butuh modal ±Rp{10-50} juta untuk alat scanner injeksi dan stok suku "
                          "cadang."),
        ],
        "derivable": True, "weight": 1,
    },
    {
        "key": "servis_hp", "sector": "services", "regencies": ["6171", "6172", "6112", "6106",
                                                                "6107", "6105"],
        "commodities": [["service hp"], ["servis hp", "aksesoris hp"], ["servis elektronik"]],
        "brand": ["Cell", "Servis"], "group": "Usaha Bersama",
        "names": ["{local} Cell {good}", "Servis HP {owner}"],
        "intros": [
            "Servis HP dan elektronik, jual aksesoris dan pulsa, {staff} teknisi.",
        ],
        "channel": "service", "food": False,
        "certs": {},
        "needs": [
            ("hr", "Teknisi belajar sendiri dari YouTube, butuh pelatihan perbaikan mesin HP."),
            ("it", "Ingin punya catatan servis dan garansi pelanggan pakai aplikasi."),
        ],
        "derivable": False, "weight": 1,
    },
    {
        "key": "jahit_laundry", "sector": "services", "regencies": ["*"],
        "commodities": [["jasa jahit", "permak"], ["laundry kiloan"], ["penjahit", "seragam"]],
        "brand": ["Jahit", "Laundry"], "group": "Usaha Bersama",
        "names": ["{brand} {owner}", "{brand} {good}"],
        "intros": [
            "Usaha jahit dan permak pakaian, terima pesanan seragam sekolah dan kantor, {staff} "
            "penjahit.",
            "Laundry kiloan dekat kampus dan kos-kosan di {village}, ±{*30-120/10} kg sehari.",
        ],
        "channel": "service", "food": False,
        "certs": {},
        "needs": [
            ("financing", "Butuh modal ±Rp{10-40} juta untuk mesin baru."),
            ("hr", "Pekerja baru perlu dilatih, hasil kerja belum rapi."),
        ],
        "derivable": False, "weight": 1,
    },
    {
        "key": "pengepul", "sector": "trade",
        "regencies": ["6105", "6107", "6108", "6109", "6110", "6102"],
        "commodities": [["hasil bumi", "karet", "pinang"], ["pinang", "kemiri"],
                        ["hasil hutan", "madu hutan", "rotan"]],
        "brand": ["Hasil Bumi", "Dagang"], "group": "Usaha Bersama",
        "names": ["UD {good} {local}", "Pengumpul {owner}"],
        "intros": [
            "Kumpul hasil bumi dan hasil hutan dari petani {village}, dijual ke pedagang besar "
            "di Pontianak.",
        ],
        "channel": "raw", "food": False,
        "channels": [
            "Punya gudang kecil dan satu truk, beli tiap minggu dari ±{*10-60} petani.",
            "Sebagian dibawa ke Sarawak lewat {border}, harga lebih bagus.",
            "Pembeli di Pontianak sering telat bayar, jadi modal berputar lambat.",
        ],
        "certs": {},
        "needs": [
            ("financing", "Butuh modal kerja ±Rp{50-200/10} juta untuk beli putus dari petani."),
            ("networking", "Ingin pembeli besar langsung, tidak lewat pedagang perantara di "
                           "Pontianak."),
        ],
        "max_scale": "medium", "derivable": False, "weight": 1,
    },
    {
        "key": "ikan_salai", "sector": "fishery", "regencies": ["6108", "6107", "6110"],
        "commodities": [["ikan salai"], ["salai baung", "ikan asap"], ["ikan salai", "pekasam"]],
        "brand": ["Salai", "Ikan Salai"], "group": "Nelayan",
        "names": ["{brand} {owner}", "{brand} {good} {village}"],
        "intros": [
            "Olah ikan sungai jadi ikan salai (asap) dan pekasam, ±{*50-300/10} kg sebulan, ikan "
            "dari nelayan danau.",
        ],
        "channel": "food", "food": True,
        "certs": {"pirt": 0.3},
        "needs": [
            ("production", "Pengasapan masih terbuka dan hasil tidak rata, butuh rumah asap."),
            ("marketing", "Ingin produk salai dikemas vakum dan dijual ke Pontianak."),
        ],
        "derivable": False, "weight": 1,
    },
    {
        "key": "arwana", "sector": "fishery", "regencies": ["6108"],
        "commodities": [["ikan arwana"], ["arwana super red", "siluk"]],
        "brand": ["Arwana", "Siluk"], "group": "Pembudidaya Ikan",
        "names": ["{brand} {good} {village}"],
        "intros": [
            "Penangkaran arwana super red di {*4-20} kolam, anakan dijual ke pedagang ikan hias.",
        ],
        "channel": "raw", "food": False,
        "certs": {},
        "needs": [
            ("institutional", "Pengiriman arwana perlu izin penangkaran dan dokumen angkut, masih "
                              "bingung prosedurnya."),
            ("marketing", "Harga anakan turun, ingin jual langsung ke pembeli luar negeri."),
        ],
        "derivable": False, "weight": 1,
    },
    {
        "key": "minuman_herbal", "sector": "home_industry",
        "regencies": ["6171", "6172", "6112", "6104", "6107"],
        "commodities": [["jahe merah instan"], ["minuman jahe", "kunyit asam"],
                        ["empon-empon", "serbuk jahe"]],
        "brand": ["Jahe", "Herbal"], "group": "Wanita Tani",
        "names": ["{brand} {owner}", "{brand} {good} {local}"],
        "intros": [
            "Buat minuman serbuk jahe merah, kunyit dan temulawak, ±{*100-500/20} bungkus "
            "seminggu.",
        ],
        "channel": "food", "food": True,
        "certs": {"pirt": 0.6, "halal": 0.35, "bpom": 0.25},
        "needs": [
            ("institutional", "Produk herbal mau masuk apotek, perlu izin edar BPOM.", "nobpom"),
            ("production", "Serbuk kadang menggumpal, perlu kemasan alu-foil dan cara "
                           "pengeringan."),
        ],
        "derivable": False, "weight": 1,
    },
    {
        "key": "toko_oleh_oleh", "sector": "trade", "regencies": ["6171", "6172", "6106"],
        "commodities": [["oleh-oleh"], ["oleh-oleh khas kalbar", "kerupuk ikan", "amplang"]],
        "brand": ["Oleh-Oleh", "Pusat Oleh-Oleh"], "group": "Usaha Bersama",
        "names": ["Toko {brand} {good}", "{brand} {local} {owner}"],
        "intros": [
            "Toko oleh-oleh yang jual produk UMKM titipan (amplang, kerupuk, lidah buaya, kain), "
            "±{*40-150/10} pemasok.",
        ],
        "channel": "service", "food": False,
        "channels": [
            "Pembeli kebanyakan wisatawan dan orang yang mau naik pesawat.",
            "Sebagian penjualan lewat WA dan titip kirim ke luar kota.",
        ],
        "certs": {},
        "needs": [
            ("networking", "Ingin tambah pemasok produk yang sudah PIRT dan halal."),
            ("it", "Mau buka toko online dan atur stok titipan pakai aplikasi."),
        ],
        "max_scale": "medium", "derivable": False, "weight": 1,
    },
]

# Needs that fit many businesses, by field, with a condition checked by the
# build script: "" always; "goods" / "service" by kind of business, goods being
# "raw" (unprocessed) or "packaged" (food and craft products); "food";
# "micro" / "big" by scale; "border" near a border crossing; "nonib" without
# NIB; "group" a kelompok; "collective" a group, cooperative or BUMDes;
# "no<cert>" without that certification ("nopirt" and "nohalal" only for food);
# "a+b" both.
GENERIC_NEEDS = [
    ("marketing", "raw",
     "Butuh pembeli tetap, selama ini jual putus ke pengepul dan harga ditekan."),
    ("marketing", "packaged",
     "Ingin masuk toko oleh-oleh dan minimarket di Pontianak tapi belum tahu syarat konsinyasi."),
    ("marketing", "packaged",
     "Mau ikut pameran produk di luar Kalbar tapi biaya stand dan kirim barang mahal."),
    ("marketing", "border+goods",
     "Ada pembeli dari Kuching lewat {border}, ingin tahu cara jual resmi ke Malaysia."),
    ("marketing", "service",
     "Ingin promosi lewat Google Maps dan media sosial supaya pelanggan baru tahu lokasi usaha."),
    ("it", "packaged",
     "Mau jual di marketplace tapi belum paham foto produk dan cara atur ongkir."),
    ("it", "",
     "Sudah ada akun Instagram dan Facebook tapi jarang diisi, tidak ada yang pegang konten."),
    ("it", "", "Ingin bisa terima pembayaran QRIS dan transfer, selama ini tunai semua."),
    ("financing", "food",
     "Modal kurang untuk beli mesin vakum dan sealer, harganya ±Rp{8-35} juta."),
    ("financing", "goods",
     "Butuh modal kerja ±Rp{*10-75/5} juta untuk stok bahan baku waktu harga murah."),
    ("financing", "nonib",
     "Pernah ajukan KUR tapi ditolak karena belum ada NIB dan laporan keuangan."),
    ("financing", "collective",
     "Ingin pinjaman tanpa agunan untuk anggota, pakai sistem tanggung renteng."),
    ("financing", "big",
     "Mau perluas tempat produksi dan beli mesin, butuh kredit investasi ±Rp{300-1500/50} juta."),
    ("institutional", "nopirt",
     "Belum punya PIRT, toko oleh-oleh tidak mau terima barang tanpa nomor PIRT."),
    ("institutional", "nohalal",
     "Mau urus sertifikat halal, dengar ada program gratis self-declare tapi belum tahu caranya."),
    ("institutional", "nonib", "Belum punya NIB, belum paham daftar di OSS."),
    ("institutional", "group",
     "Kelompok mau dibadankan jadi koperasi supaya bisa ikut program pemerintah."),
    ("institutional", "packaged+notrademark",
     "Mau daftar merek supaya nama produk tidak dipakai orang lain."),
    ("production", "goods",
     "Kapasitas produksi terbatas, masih pakai alat sederhana dan dikerjakan manual."),
    ("production", "food",
     "Dapur produksi jadi satu dengan dapur rumah, ingin ditata supaya memenuhi syarat higiene."),
    ("hr", "", "Karyawan belum terlatih pembukuan, laporan keuangan belum ada."),
    ("hr", "micro", "Uang usaha dan uang rumah tangga masih campur, perlu belajar catat keuangan."),
    ("hr", "collective", "Pengurus belum paham administrasi kelompok dan rapat anggota tahunan."),
    ("hr", "", "Pekerja sering keluar-masuk, perlu SOP dan pelatihan untuk karyawan baru."),
    ("networking", "goods", "Mencari mitra/offtaker yang mau kontrak jangka panjang."),
    ("networking", "", "Ingin gabung asosiasi supaya dapat info pameran dan pesanan besar."),
    ("networking", "packaged", "Mencari pemasok bahan baku dan kemasan yang harganya stabil."),
    ("networking", "food",
     "Ingin kerja sama dengan hotel dan restoran di Pontianak sebagai pemasok."),
    ("networking", "service",
     "Ingin kerja sama dengan kantor dan instansi sebagai langganan tetap."),
]

# How people name their permits in intake notes.
CERT_WORDS = {
    "pirt": "PIRT", "halal": "sertifikat halal", "bpom": "izin edar BPOM", "sni": "SNI",
    "haccp": "HACCP", "organic": "sertifikat organik", "iso9001": "ISO 9001",
    "svlk": "dokumen SVLK", "trademark": "merek terdaftar",
}

EXTRA_REMARKS = [
    "Mulai usaha tahun {founded} dengan modal sendiri.",
    "Pernah ikut pelatihan dari dinas tapi belum ada pendampingan lanjutan.",
    "IM:Usaha dikerjakan bersama anggota keluarga.",
    "Dulu sempat berhenti waktu pandemi, sekarang mulai jalan lagi.",
    "Lokasi agak jauh dari jalan utama, kalau hujan jalan becek.",
    "Sudah pernah dibantu alat dari program CSR, tapi sebagian sudah rusak.",
    "M:Ingin naik kelas dari usaha rumahan jadi usaha yang lebih tertata.",
    "B:Sudah punya gudang sendiri dan {*2-6} karyawan tetap bagian administrasi.",
    "B:Laporan keuangan sudah disusun rapi sejak {2015-2022}.",
]

# Demo log-ins written to accounts.json; partner and MSME users get the name of
# the record's contact person. Passwords are for the demo only.
ACCOUNTS = [
    {"email": "admin@jejaring.example", "role": "admin", "password": "demo-admin-2026!",
     "name": "Admin PLUT Kalbar"},
    {"email": "konsultan.pemasaran@jejaring.example", "role": "consultant",
     "password": "demo-konsultan-2026", "name": "Rahmawati Hasan",
     "fields": ["marketing", "networking"]},
    {"email": "konsultan.pembiayaan@jejaring.example", "role": "consultant",
     "password": "demo-konsultan-2026", "name": "Yohanes Bonifasius", "fields": ["financing"]},
    {"email": "konsultan.kelembagaan@jejaring.example", "role": "consultant",
     "password": "demo-konsultan-2026", "name": "Gusti Hendra Saputra",
     "fields": ["institutional", "production"]},
    {"email": "mitra.bank@jejaring.example", "role": "partner", "password": "demo-mitra-2026",
     "partner": "MTR-001"},
    {"email": "mitra.oleholeh@jejaring.example", "role": "partner",
     "password": "demo-mitra-2026", "partner": "MTR-011"},
    {"email": "umkm.satu@jejaring.example", "role": "msme", "password": "demo-umkm-2026",
     "msme": "UMKM-0001"},
    {"email": "umkm.dua@jejaring.example", "role": "msme", "password": "demo-umkm-2026",
     "msme": "UMKM-0002"},
]
