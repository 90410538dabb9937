"""Hand-written demo partners and their offerings, used by ``build_demo.py``.

Every organisation and person here is fictional; any likeness to a real bank,
company, university or agency is unintended. ``build_demo.py`` adds the
external ids (``MTR-001``, ``MTR-001-1``, ...) and a dummy phone number; the
offering dicts are otherwise written out as they appear in the exchange format.
"""

PARTNERS = [
    # --- banks -------------------------------------------------------------
    {
        "name": "Bank Perkreditan Kapuas Sejahtera",
        "type": "bank",
        "regions": ["Kalimantan Barat"],
        "description": "BPR swasta dengan kantor pusat di Pontianak dan kantor kas di sebelas "
                       "kabupaten; penyalur KUR dan kredit usaha kecil.",
        "person": "Dedi Kurniawan (Kepala Seksi Kredit UMKM)",
        "email": "kredit.umkm@bpkapuassejahtera.example",
        "offerings": [
            {"field": "financing", "title": "KUR Mikro Kapuas Sejahtera (plafon s.d. Rp100 juta)",
             "description": "Kredit Usaha Rakyat untuk modal kerja atau investasi. Plafon Rp10-100 "
                            "juta, bunga 6% efektif setahun, tanpa agunan tambahan sampai Rp100 "
                            "juta. Syarat: usaha jalan minimal 6 bulan, ada NIB atau surat "
                            "keterangan usaha dari desa, tidak sedang punya kredit produktif lain.",
             "eligibility": {"scales": ["micro", "small"]},
             "valid_until": "2027-12-31"},
            {"field": "financing", "title": "Kredit Investasi Mesin dan Peralatan Produksi",
             "description": "Untuk pembelian mesin pengolahan, kendaraan angkut atau renovasi "
                            "ruang produksi. Plafon Rp150 juta-Rp2 miliar, tenor s.d. 5 tahun, "
                            "agunan mesin yang dibeli ditambah jaminan lain. Wajib laporan "
                            "keuangan sederhana 1 tahun terakhir.",
             "eligibility": {"scales": ["small", "medium"]},
             "valid_until": "2028-06-30"},
            {"field": "it", "title": "Kelas QRIS dan Pencatatan Keuangan Digital untuk Nasabah",
             "description": "Kelas setengah hari di kantor cabang: pasang QRIS, pakai aplikasi "
                            "pencatatan kas harian di HP, pisahkan rekening usaha dan pribadi. "
                            "Gratis untuk nasabah dan calon nasabah.",
             "capacity": 40, "valid_until": "2027-06-30"},
        ],
    },
    {
        "name": "Bank Syariah Amanah Khatulistiwa",
        "type": "bank",
        "regions": ["Kota Pontianak", "Kubu Raya", "Mempawah", "Singkawang", "Kab. Sambas"],
        "description": "Bank umum syariah daerah yang fokus pada pembiayaan usaha mikro dan "
                       "pedagang pasar di wilayah pesisir utara Kalbar.",
        "person": "Syarifah Aminah",
        "email": "pembiayaan@bsamanah.example",
        "offerings": [
            {"field": "financing", "title": "Pembiayaan Murabahah Usaha Mikro",
             "description": "Pembiayaan akad jual beli untuk bahan baku, alat atau etalase, "
                            "Rp5-75 juta, margin tetap, angsuran bulanan s.d. 36 bulan. Survei "
                            "ke tempat usaha dalam 3 hari kerja.",
             "eligibility": {"scales": ["micro"], "legal_forms": ["individual", "group"]},
             "valid_until": "2027-12-31"},
            {"field": "financing", "title": "Pembiayaan Modal Kerja Produk Halal",
             "description": "Pembiayaan modal kerja s.d. Rp300 juta dengan margin lebih rendah "
                            "bagi usaha pangan olahan yang sudah bersertifikat halal. Cocok "
                            "untuk menambah stok bahan dan kemasan menjelang musim ramai.",
             "sectors": ["home_industry", "services"],
             "eligibility": {"scales": ["micro", "small"], "certifications": ["halal"]},
             "valid_until": "2028-03-31"},
            {"field": "it", "title": "Aktivasi QRIS dan Mobile Banking Pedagang",
             "description": "Petugas datang ke pasar dan sentra UMKM untuk membuka rekening, "
                            "aktivasi QRIS statis dan dinamis, serta mengajari cek mutasi di HP.",
             "regions": ["Kota Pontianak", "Kubu Raya"]},
        ],
    },
    {
        "name": "Bank Pembangunan Usaha Borneo (fiktif)",
        "type": "bank",
        "regions": ["Indonesia"],
        "description": "Bank nasional (fiktif) dengan unit khusus pembiayaan ekspor dan rantai "
                       "pasok UKM.",
        "person": "Anindya Pramesti",
        "email": "ukm.ekspor@bpub.example",
        "offerings": [
            {"field": "financing", "title": "Kredit Modal Kerja Ekspor UKM",
             "description": "Pembiayaan pra-pengapalan berdasarkan kontrak atau purchase order "
                            "pembeli luar negeri, s.d. 80% nilai kontrak. Untuk UKM berbadan "
                            "usaha yang sudah atau siap ekspor.",
             "eligibility": {"scales": ["small", "medium"],
                             "legal_forms": ["cv", "pt", "pt_perorangan", "cooperative"]},
             "valid_until": "2028-12-31"},
            {"field": "networking", "title": "Temu Bisnis Nasabah UKM dengan Pembeli Luar Negeri",
             "description": "Pertemuan bisnis daring dengan pembeli dari Malaysia, Singapura dan "
                            "Tiongkok untuk produk pangan olahan dan kerajinan.",
             "sectors": ["home_industry", "craft", "plantation"],
             "valid_until": "2026-10-31"},
        ],
    },
    # --- microfinance ------------------------------------------------------
    {
        "name": "Koperasi Simpan Pinjam Tunas Borneo",
        "type": "microfinance",
        "regions": ["Sintang", "Melawi", "Sekadau", "Kapuas Hulu"],
        "description": "KSP dengan ±6.500 anggota di hulu Kapuas; petugas lapangan datang ke desa "
                       "tiap minggu.",
        "person": "Yulius Dani",
        "email": "layanan@ksptunasborneo.example",
        "offerings": [
            {"field": "financing", "title": "Pinjaman Kelompok Tanggung Renteng",
             "description": "Pinjaman Rp2-25 juta per anggota dengan jaminan tanggung renteng "
                            "kelompok 5-10 orang, angsuran mingguan, jasa 1,2% per bulan menurun. "
                            "Wajib menjadi anggota (simpanan pokok Rp50.000).",
             "eligibility": {"scales": ["micro"], "legal_forms": ["individual", "group"]}},
            {"field": "hr", "title": "Pendidikan Dasar Perkoperasian dan Pembukuan Anggota",
             "description": "Dua hari pelatihan di desa: hak dan kewajiban anggota, catat kas "
                            "masuk-keluar, hitung laba sederhana, persiapan rapat anggota.",
             "capacity": 30, "valid_until": "2027-09-30"},
        ],
    },
    {
        "name": "Credit Union Bintang Riam Sejahtera",
        "type": "microfinance",
        "regions": ["Kab. Landak", "Sanggau", "Bengkayang"],
        "description": "Credit union berbasis komunitas petani dan perajin di wilayah Dayak "
                       "pedalaman, dengan 14 tempat pelayanan.",
        "person": "Veronika Siang",
        "email": "pinjaman@cubintangriam.example",
        "offerings": [
            {"field": "financing", "title": "Pinjaman Produktif Petani dan Perajin",
             "description": "Pinjaman Rp3-50 juta untuk kebun, ternak dan kerajinan, angsuran "
                            "boleh menyesuaikan musim panen. Wajib anggota minimal 3 bulan.",
             "sectors": ["plantation", "agriculture", "craft", "livestock"],
             "eligibility": {"scales": ["micro"]},
             "valid_until": "2028-12-31"},
            {"field": "financing", "title": "Pinjaman Peremajaan Kebun Karet dan Lada",
             "description": "Pinjaman jangka panjang s.d. 6 tahun dengan masa tenggang 2 tahun "
                            "untuk ganti karet tua dengan klon unggul atau tanam lada baru.",
             "commodities": ["karet", "lada", "sahang"], "sectors": ["plantation"],
             "valid_until": "2028-06-30"},
            {"field": "hr", "title": "Kelas Literasi Keuangan Keluarga Usaha",
             "description": "Belajar memisahkan uang usaha dan rumah tangga, menabung untuk "
                            "pendidikan anak, dan mencatat hasil panen.",
             "capacity": 50},
        ],
    },
    {
        "name": "BMT Nurul Kapuas",
        "type": "microfinance",
        "regions": ["Pontianak", "kubu raya", "Mempawah"],
        "description": "Baitul Maal wat Tamwil yang melayani pedagang pasar dan usaha rumahan "
                       "di Pontianak dan sekitarnya.",
        "person": "Ustaz Hamdan Syafii",
        "email": "bmt@nurulkapuas.example",
        "offerings": [
            {"field": "financing", "title": "Pembiayaan Harian Pedagang dan Usaha Rumahan",
             "description": "Pembiayaan Rp1-20 juta akad mudharabah atau murabahah, angsuran "
                            "harian/mingguan dijemput petugas.",
             "sectors": ["trade", "home_industry"],
             "eligibility": {"scales": ["micro"]},
             "capacity": 25},
            {"field": "institutional",
             "title": "Pendampingan Sertifikasi Halal Gratis bagi Anggota",
             "description": "Pendamping proses produk halal membantu anggota mengisi data "
                            "self-declare, daftar bahan dan foto dapur. Kuota tahun ini sudah "
                            "terisi, daftar tunggu dibuka untuk periode berikutnya.",
             "sectors": ["home_industry"],
             "eligibility": {"scales": ["micro"]},
             "capacity": 0, "valid_until": "2027-03-31"},
        ],
    },
    # --- venture capital ---------------------------------------------------
    {
        "name": "PT Ventura Tunas Khatulistiwa",
        "type": "venture_capital",
        "regions": ["Kalimantan Barat"],
        "description": "Perusahaan modal ventura daerah (fiktif) dengan skema bagi hasil untuk "
                       "usaha pengolahan hasil bumi.",
        "person": "Hendrik Susanto",
        "email": "investasi@venturatunas.example",
        "offerings": [
            {"field": "financing", "title": "Penyertaan Modal Bagi Hasil untuk Usaha Pengolahan",
             "description": "Pembiayaan Rp250 juta-Rp3 miliar dengan bagi hasil 3-5 tahun untuk "
                            "perluasan pabrik kecil, mesin dan sertifikasi. Perlu rencana usaha "
                            "dan laporan keuangan 2 tahun.",
             "sectors": ["home_industry", "plantation", "fishery"],
             "eligibility": {"scales": ["small", "medium"],
                             "legal_forms": ["cv", "pt", "pt_perorangan", "cooperative"]},
             "valid_until": "2028-12-31"},
            {"field": "financing", "title": "Modal Rintisan Pangan Olahan",
             "description": "Modal awal Rp50-250 juta dengan bagi hasil untuk usaha pangan olahan "
                            "yang sudah punya pasar dan izin PIRT, ditambah pendampingan bulanan.",
             "sectors": ["home_industry"],
             "eligibility": {"scales": ["micro", "small"], "certifications": ["pirt"]},
             "capacity": 6, "valid_until": "2027-06-30"},
            {"field": "networking", "title": "Klinik Kesiapan Investasi",
             "description": "Sesi satu-satu menyiapkan profil usaha, proyeksi arus kas dan bahan "
                            "presentasi untuk calon investor.",
             "capacity": 15},
        ],
    },
    # --- state enterprises (CSR) ------------------------------------------
    {
        "name": "PT Perkebunan Nusa Khatulistiwa (Persero)",
        "type": "state_enterprise",
        "regions": ["Sanggau", "Sekadau", "Sintang", "Landak", "Ketapang"],
        "description": "BUMN perkebunan (fiktif); program TJSL dan pendanaan UMK untuk desa "
                       "sekitar kebun.",
        "person": "Ir. Bambang Hartanto",
        "email": "tjsl@nusakhatulistiwa.example",
        "offerings": [
            {"field": "financing", "title": "Pinjaman Lunak Program Pendanaan UMK",
             "description": "Pinjaman Rp10-200 juta, jasa administrasi 3% per tahun, tenor s.d. "
                            "3 tahun, untuk usaha di desa sekitar kebun perusahaan.",
             "eligibility": {"scales": ["micro", "small"]},
             "valid_until": "2027-06-30"},
            {"field": "production", "title": "Bantuan Alat Pengolahan Hasil Kebun",
             "description": "Hibah alat (mesin pengering, pemipil, pencacah, press) untuk "
                            "kelompok atau koperasi petani, disertai pelatihan operator.",
             "sectors": ["plantation", "agriculture"],
             "eligibility": {"legal_forms": ["group", "cooperative", "bumdes"]},
             "capacity": 10, "valid_until": "2027-12-31"},
            {"field": "hr", "title": "Sekolah Lapang Praktik Budidaya Sawit yang Baik",
             "description": "Sekolah lapang 8 pertemuan untuk petani sawit swadaya: pemupukan, "
                            "panen, pencatatan kebun dan persiapan STDB/ISPO.",
             "commodities": ["kelapa sawit", "sawit"], "sectors": ["plantation"],
             "capacity": 60},
        ],
    },
    {
        "name": "PT Pelabuhan Borneo Barat (Persero)",
        "type": "state_enterprise",
        "regions": ["Kota Pontianak", "Kubu Raya", "Mempawah", "Ketapang", "Kayong Utara"],
        "description": "BUMN kepelabuhanan (fiktif); program TJSL untuk masyarakat pesisir dan "
                       "gerai UMKM di terminal penumpang.",
        "person": "Rahmat Hidayat",
        "email": "tjsl@pelabuhanborneo.example",
        "offerings": [
            {"field": "marketing", "title": "Gerai UMKM Kuliner di Terminal Penumpang",
             "description": "Tempat pajang gratis 6 bulan di terminal penumpang untuk oleh-oleh "
                            "kemasan. Produk wajib sudah PIRT dan kemasan berlabel lengkap.",
             "sectors": ["home_industry"],
             "eligibility": {"certifications": ["pirt"]},
             "capacity": 8, "valid_until": "2027-04-30"},
            {"field": "hr", "title": "Pelatihan Kewirausahaan Masyarakat Pesisir",
             "description": "Pelatihan 3 hari untuk nelayan dan istri nelayan: olahan hasil laut, "
                            "hitung harga pokok, dan menabung.",
             "sectors": ["fishery"],
             "capacity": 40, "valid_until": "2026-08-31"},
            {"field": "production", "title": "Bantuan Sarana Pengolahan Hasil Perikanan",
             "description": "Bantuan para-para jemur, freezer, mesin vakum atau rumah pengering "
                            "untuk kelompok pengolah ikan di pesisir.",
             "commodities": ["ikan asin", "kerupuk ikan", "rumput laut", "udang ebi"],
             "sectors": ["fishery", "home_industry"],
             "regions": ["Kubu Raya", "Kayong Utara", "Ketapang"],
             "eligibility": {"legal_forms": ["group", "cooperative"]},
             "capacity": 5, "valid_until": "2027-12-31"},
        ],
    },
    {
        "name": "PT Agro Kapuas Raya (Perseroda)",
        "type": "state_enterprise",
        "regions": ["Kalimantan Barat"],
        "description": "BUMD pangan (fiktif) yang membeli hasil petani untuk cadangan pangan "
                       "daerah dan menyalurkan saprodi.",
        "person": "Gusti Ardiansyah",
        "email": "kemitraan@agrokapuasraya.example",
        "offerings": [
            {"field": "marketing", "title": "Offtaker Gabah, Beras dan Jagung Petani",
             "description": "Kontrak pembelian gabah kering giling dan jagung pipil pada harga "
                            "acuan daerah; dijemput di gudang kelompok bila di atas 5 ton.",
             "commodities": ["padi", "beras", "gabah", "jagung"], "sectors": ["agriculture"],
             "eligibility": {"legal_forms": ["group", "cooperative", "bumdes"]},
             "valid_until": "2028-03-31"},
            {"field": "production", "title": "Saprodi Bayar Panen",
             "description": "Benih bersertifikat, pupuk dan obat tanaman dengan pembayaran "
                            "dipotong dari hasil panen yang dijual ke BUMD.",
             "sectors": ["agriculture"],
             "eligibility": {"legal_forms": ["group", "cooperative", "bumdes"]}},
            {"field": "networking", "title": "Kemitraan BUMDes Pangan",
             "description": "BUMDes menjadi titik kumpul dan gudang desa untuk beras, jagung dan "
                            "hortikultura, dengan pembagian keuntungan.",
             "eligibility": {"legal_forms": ["bumdes", "cooperative"]},
             "capacity": 12, "valid_until": "2027-12-31"},
        ],
    },
    # --- buyers ------------------------------------------------------------
    {
        "name": "Toko Oleh-Oleh Cahaya Enggang",
        "type": "buyer",
        "regions": ["Kalimantan Barat"],
        "description": "Pusat oleh-oleh dengan 3 cabang di Pontianak dan satu di bandara; ±250 "
                       "produk UMKM titipan.",
        "person": "Lina Wijaya",
        "email": "kurasi@cahayaenggang.example",
        "offerings": [
            {"field": "marketing", "title": "Konsinyasi Produk Oleh-Oleh Khas Kalbar",
             "description": "Titip jual 30 hari, pembayaran tiap akhir bulan. Produk harus PIRT, "
                            "label lengkap (komposisi, berat, kedaluwarsa) dan umur simpan "
                            "minimal 3 bulan.",
             "commodities": ["amplang", "kerupuk ikan", "lidah buaya", "lempok durian",
                             "keripik keladi", "kopi liberika"],
             "sectors": ["home_industry"],
             "eligibility": {"certifications": ["pirt"]},
             "capacity": 12},
            {"field": "marketing", "title": "Etalase Kerajinan Tangan dan Wastra",
             "description": "Rak khusus kerajinan (tenun, manik, anyaman) dengan sistem titip "
                            "jual; foto dan cerita perajin dipasang di etalase.",
             "commodities": ["tenun songket", "manik-manik", "anyaman rotan", "tenun ikat",
                             "anyaman pandan"],
             "sectors": ["craft"],
             "capacity": 10, "valid_until": "2027-12-31"},
        ],
    },
    {
        "name": "PT Swalayan Keluarga Kapuas",
        "type": "buyer",
        "regions": ["Pontianak", "Kubu Raya", "Singkawang", "Sanggau", "Sintang", "Ketapang"],
        "description": "Jaringan 14 swalayan (fiktif) di enam kota/kabupaten, membuka rak produk "
                       "lokal.",
        "person": "Budi Santoso Lim (Merchandiser Produk Lokal)",
        "email": "produk.lokal@swalayankk.example",
        "offerings": [
            {"field": "marketing", "title": "Pemasok Produk Lokal Kemasan di Rak Swalayan",
             "description": "Masuk rak produk lokal dengan sistem beli putus atau konsinyasi, "
                            "termin 30 hari. Syarat PIRT dan halal, barcode, kapasitas pasok "
                            "rutin tiap minggu.",
             "sectors": ["home_industry"],
             "eligibility": {"scales": ["micro", "small"], "certifications": ["halal"]},
             "valid_until": "2027-12-31"},
            {"field": "marketing", "title": "Pemasok Sayur dan Buah Segar",
             "description": "Kontrak pasok harian sayur daun, cabai, nanas, pisang dan jeruk "
                            "dengan standar sortir dan kemasan swalayan.",
             "commodities": ["sayur", "cabai", "nanas", "pisang", "jeruk siam"],
             "sectors": ["agriculture"],
             "regions": ["Pontianak", "Kubu Raya", "Singkawang"],
             "capacity": 8},
            {"field": "marketing", "title": "Klinik Kemasan dan Barcode untuk Masuk Rak",
             "description": "Tim merchandiser memeriksa kemasan, label dan harga, lalu membantu "
                            "urus barcode GS1 sebelum produk diajukan.",
             "sectors": ["home_industry"],
             "capacity": 20, "valid_until": "2027-06-30"},
        ],
    },
    {
        "name": "UD Pengumpul Hasil Bumi Sinar Sanggau",
        "type": "buyer",
        "regions": ["Sanggau", "Sekadau", "Sintang", "Landak"],
        "description": "Pedagang besar karet dan lada yang memasok pabrik di Pontianak.",
        "person": "Hartono Bong",
        "email": "sinarsanggau@dagang.example",
        "offerings": [
            {"field": "marketing", "title": "Pembelian Karet Bersih dan Lada Petani",
             "description": "Beli bokar bersih (tanpa tawas dan kotoran) dan lada putih kering "
                            "dengan harga di atas pengepul desa; timbang di gudang kelompok.",
             "commodities": ["karet", "bokar", "lada", "sahang"], "sectors": ["plantation"]},
            {"field": "financing", "title": "Uang Muka Kontrak Panen untuk Kelompok Mitra",
             "description": "Uang muka tanpa bunga s.d. 30% nilai kontrak bagi kelompok yang "
                            "menandatangani kontrak jual 1 tahun.",
             "commodities": ["karet", "lada"],
             "eligibility": {"legal_forms": ["group", "cooperative"]},
             "capacity": 4, "valid_until": "2027-09-30"},
        ],
    },
    {
        "name": "Grup Hotel dan Restoran Riam Indah",
        "type": "buyer",
        "regions": ["Pontianak", "Singkawang", "Kubu Raya", "Mempawah", "Bengkayang"],
        "description": "Pengelola 3 hotel dan 5 restoran (fiktif) yang mengutamakan bahan lokal.",
        "person": "Chef Andreas Wong",
        "email": "purchasing@riamindah.example",
        "offerings": [
            {"field": "marketing", "title": "Pemasok Bahan Segar untuk Dapur Hotel",
             "description": "Kontrak pasok mingguan ayam kampung, telur, sayur, ikan nila, "
                            "kepiting dan udang; pembayaran 14 hari.",
             "commodities": ["ayam kampung", "telur ayam kampung", "sayur", "ikan nila",
                             "kepiting", "udang"],
             "sectors": ["agriculture", "livestock", "fishery"],
             "capacity": 6},
            {"field": "marketing", "title": "Amenities dan Dekorasi dari Kerajinan Lokal",
             "description": "Pengadaan keranjang, tatakan, hiasan dinding dan kain untuk kamar "
                            "hotel; pesanan partai 100-500 buah.",
             "commodities": ["anyaman pandan", "anyaman rotan", "tenun ikat", "tempayan"],
             "sectors": ["craft"],
             "valid_until": "2027-12-31"},
            {"field": "networking", "title": "Kemitraan Paket Wisata untuk Tamu Hotel",
             "description": "Homestay dan pengelola wisata desa yang siap menerima tamu hotel "
                            "untuk paket 1-2 hari.",
             "sectors": ["tourism"],
             "regions": ["Singkawang", "Bengkayang", "Mempawah"]},
        ],
    },
    # --- exporters ---------------------------------------------------------
    {
        "name": "PT Ekspor Hasil Bumi Khatulistiwa (fiktif)",
        "type": "exporter",
        "regions": ["Kalimantan Barat"],
        "description": "Eksportir rempah dan kopi ke Malaysia, Singapura dan Timur Tengah.",
        "person": "Fransiska Tjhin",
        "email": "sourcing@ehbk.example",
        "offerings": [
            {"field": "marketing", "title": "Pembelian Lada Putih Mutu Ekspor",
             "description": "Kontrak lada putih kadar air maks. 13%, bebas kotoran; harga "
                            "mengikuti harga ekspor mingguan dikurangi biaya. Minimal 1 ton per "
                            "pengiriman (boleh gabungan kelompok).",
             "commodities": ["lada", "lada putih", "merica putih", "sahang"],
             "sectors": ["plantation"],
             "valid_until": "2028-06-30"},
            {"field": "marketing", "title": "Kontrak Green Bean Kopi Liberika",
             "description": "Pembelian green bean liberika petik merah, proses natural/honey, "
                            "kadar air 11-12%, nilai cacat maks. 25.",
             "commodities": ["kopi liberika", "liberika"], "sectors": ["plantation"],
             "capacity": 5, "valid_until": "2027-12-31"},
            {"field": "institutional", "title": "Pendampingan Dokumen Ekspor dan Ketertelusuran",
             "description": "Bantuan menyiapkan catatan asal kebun, daftar petani dan dokumen "
                            "karantina untuk pemasok.",
             "sectors": ["plantation"],
             "valid_until": "2026-03-31"},
        ],
    },
    {
        "name": "CV Samudra Perikanan Ekspor Kalbar",
        "type": "exporter",
        "regions": ["Kubu Raya", "Kayong Utara", "Ketapang", "Mempawah", "Kab. Sambas",
                    "Singkawang"],
        "description": "Pengumpul dan eksportir kepiting hidup, rajungan dan rumput laut kering.",
        "person": "Sutanto Halim",
        "email": "pembelian@samudraperikanan.example",
        "offerings": [
            {"field": "marketing", "title": "Pembelian Kepiting Bakau dan Rajungan Hidup",
             "description": "Beli kepiting bakau ukuran 300 g ke atas dan rajungan, dijemput di "
                            "titik kumpul desa; harga sesuai grade.",
             "commodities": ["kepiting", "kepiting bakau", "rajungan"], "sectors": ["fishery"]},
            {"field": "production", "title": "Pendampingan Penanganan Rantai Dingin Hasil Laut",
             "description": "Pelatihan dan bantuan teknis penanganan hasil tangkapan: es, "
                            "coolbox, packing kepiting hidup agar mortalitas rendah.",
             "sectors": ["fishery"], "capacity": 30},
            {"field": "marketing", "title": "Kontrak Rumput Laut Kering",
             "description": "Kontrak rumput laut kering kadar air maks. 35%, bersih pasir dan "
                            "garam, minimal 500 kg per pengambilan.",
             "commodities": ["rumput laut", "rumput laut kering"],
             "regions": ["Kayong Utara", "Ketapang", "Sambas"],
             "valid_until": "2027-10-31"},
        ],
    },
    {
        "name": "CV Kriya Nusantara Ekspor",
        "type": "exporter",
        "regions": ["Indonesia"],
        "description": "Eksportir kerajinan dan mebel ke Eropa dan Jepang, bekerja dengan "
                       "kelompok perajin di Kalimantan.",
        "person": "Dewi Larasati",
        "email": "kriya@knekspor.example",
        "offerings": [
            {"field": "marketing", "title": "Ekspor Kerajinan Anyaman dan Tenun",
             "description": "Pesanan rutin tas, keranjang dan kain tenun dengan standar ukuran "
                            "dan warna; sampel dibayar, produksi dibayar 50% di muka.",
             "commodities": ["anyaman rotan", "anyaman pandan", "tenun ikat", "manik-manik"],
             "sectors": ["craft"],
             "eligibility": {"scales": ["micro", "small"]},
             "valid_until": "2028-03-31"},
            {"field": "marketing", "title": "Ekspor Mebel Kayu Bersertifikat Legalitas",
             "description": "Pembelian mebel dan produk kayu olahan untuk pasar Eropa; wajib "
                            "dokumen SVLK.",
             "commodities": ["mebel kayu", "kayu olahan"], "sectors": ["craft", "forestry"],
             "eligibility": {"certifications": ["svlk"]},
             "valid_until": "2028-03-31"},
            {"field": "production", "title": "Pendampingan Desain Produk untuk Pasar Ekspor",
             "description": "Desainer mendampingi 3 bulan: tren warna, ukuran, finishing dan "
                            "kontrol mutu.",
             "sectors": ["craft"], "capacity": 10},
        ],
    },
    # --- e-commerce --------------------------------------------------------
    {
        "name": "Pasar Daring Enggang",
        "type": "ecommerce",
        "regions": ["Indonesia"],
        "description": "Marketplace (fiktif) khusus produk daerah, gudang mitra di Pontianak.",
        "person": "Rizky Firmansyah",
        "email": "seller@pasardaringenggang.example",
        "offerings": [
            {"field": "it", "title": "Buka Toko Online dan Foto Produk Gratis",
             "description": "Tim datang membantu buka toko, foto produk dengan lightbox, tulis "
                            "deskripsi dan atur ongkir. Dua kali pendampingan per penjual.",
             "capacity": 50, "valid_until": "2027-12-31"},
            {"field": "marketing", "title": "Kampanye Belanja Akhir Tahun Produk Kalbar",
             "description": "Produk terpilih tampil di halaman depan kampanye dengan subsidi "
                            "ongkir dari platform.",
             "sectors": ["home_industry", "craft"],
             "valid_until": "2026-12-20"},
            {"field": "financing", "title": "Pinjaman Modal Penjual Berdasarkan Riwayat Transaksi",
             "description": "Pinjaman Rp2-50 juta untuk penjual aktif minimal 6 bulan, cicilan "
                            "dipotong dari hasil penjualan.",
             "eligibility": {"scales": ["micro", "small"]}},
        ],
    },
    {
        "name": "Lapak Khatulistiwa Online",
        "type": "ecommerce",
        "regions": ["Kalimantan Barat"],
        "description": "Platform jual beli dan pesan-antar lokal (fiktif) yang melayani kota dan "
                       "kabupaten di Kalbar.",
        "person": "Meliana Putri",
        "email": "mitra@lapakkhatulistiwa.example",
        "offerings": [
            {"field": "it", "title": "Kelas Jualan Online dan Live Shopping",
             "description": "Kelas 4 kali pertemuan: foto produk pakai HP, menulis deskripsi, "
                            "live shopping dan membalas chat pembeli. Angkatan ini penuh.",
             "capacity": 0},
            {"field": "marketing", "title": "Subsidi Ongkir Produk Pangan Olahan",
             "description": "Subsidi ongkir 50% ke seluruh Kalbar untuk produk pangan olahan "
                            "yang sudah PIRT.",
             "sectors": ["home_industry"],
             "eligibility": {"certifications": ["pirt"]},
             "valid_until": "2027-06-30"},
            {"field": "it", "title": "Pendaftaran Homestay dan Paket Wisata di Aplikasi",
             "description": "Daftarkan homestay dan paket wisata desa di aplikasi, termasuk foto "
                            "kamar dan kalender ketersediaan.",
             "sectors": ["tourism"], "capacity": 20},
        ],
    },
    # --- universities and research -----------------------------------------
    {
        "name": "Universitas Bumi Enggang",
        "type": "university",
        "regions": ["Kalimantan Barat"],
        "description": "Universitas swasta (fiktif) dengan fakultas pertanian, teknologi pangan "
                       "dan ekonomi.",
        "person": "Dr. Yohana Sinaga",
        "email": "lppm@ubenggang.example",
        "offerings": [
            {"field": "production", "title": "Uji Umur Simpan dan Perbaikan Proses Pangan",
             "description": "Laboratorium teknologi pangan menguji umur simpan, kadar air dan "
                            "mikroba, lalu memberi rekomendasi proses tanpa pengawet berbahaya.",
             "commodities": ["lidah buaya", "amplang", "kerupuk ikan", "sambal", "kue bingke"],
             "sectors": ["home_industry"],
             "capacity": 12, "valid_until": "2027-12-31"},
            {"field": "hr", "title": "Mahasiswa KKN Tematik Pendamping UMKM",
             "description": "Tim mahasiswa 4-6 orang tinggal 40 hari di desa membantu pembukuan, "
                            "media sosial dan administrasi kelompok.",
             "capacity": 20, "valid_until": "2027-01-31"},
            {"field": "institutional", "title": "Klinik Kekayaan Intelektual: Daftar Merek",
             "description": "Konsultasi penelusuran merek dan pendaftaran merek UMKM; biaya "
                            "pendaftaran tarif UMK.",
             "capacity": 25},
        ],
    },
    {
        "name": "Politeknik Agro Sungai Landak",
        "type": "university",
        "regions": ["Landak", "Sanggau", "Bengkayang", "Pontianak", "Kubu Raya"],
        "description": "Politeknik (fiktif) bidang mesin pertanian dan agroindustri.",
        "person": "Ir. Paulus Hendra, M.T.",
        "email": "p3m@polagro.example",
        "offerings": [
            {"field": "production", "title": "Teknologi Tepat Guna Pengering, Pemipil dan Roaster",
             "description": "Rancang dan pinjamkan alat pengering tenaga surya, pemipil jagung "
                            "dan roaster kopi skala kecil untuk uji coba 3 bulan.",
             "commodities": ["jagung", "lada", "kopi", "kopi bubuk"],
             "sectors": ["agriculture", "plantation", "home_industry"],
             "capacity": 6},
            {"field": "it", "title": "Aplikasi Pencatatan Stok dan Penjualan oleh Mahasiswa",
             "description": "Mahasiswa tugas akhir membuat dan memasang aplikasi sederhana "
                            "pencatatan stok dan penjualan sesuai kebutuhan usaha.",
             "capacity": 8, "valid_until": "2027-07-31"},
            {"field": "hr", "title": "Pelatihan Mekanik Alat dan Mesin Pertanian",
             "description": "Pelatihan 5 hari perawatan traktor tangan, pompa, mesin giling dan "
                            "motor bakar.",
             "sectors": ["services", "agriculture"]},
        ],
    },
    {
        "name": "Pusat Kajian Hasil Hutan Bukan Kayu Borneo Barat",
        "type": "research",
        "regions": ["Kapuas Hulu", "Sintang", "Melawi", "Sekadau", "Ketapang"],
        "description": "Lembaga riset (fiktif) madu, tengkawang, rotan dan gaharu bersama "
                       "masyarakat hutan.",
        "person": "Dr. Agustina Ramba",
        "email": "hhbk@pusatkajian.example",
        "offerings": [
            {"field": "production", "title": "Pendampingan Budidaya Kelulut dan Uji Mutu Madu",
             "description": "Teknik stup standar, pemecahan koloni, panen higienis dan uji kadar "
                            "air madu gratis untuk kelompok.",
             "commodities": ["madu kelulut", "madu trigona", "madu hutan"],
             "sectors": ["forestry", "livestock"],
             "capacity": 15, "valid_until": "2028-06-30"},
            {"field": "production", "title": "Riset Aksi Pengolahan Tengkawang",
             "description": "Uji coba pengeringan biji, pengepresan dan pembuatan mentega "
                            "tengkawang bersama kelompok.",
             "commodities": ["tengkawang"], "capacity": 3},
            {"field": "production", "title": "Teknik Inokulasi Gaharu",
             "description": "Pelatihan inokulasi dan perawatan pohon gaharu budidaya.",
             "commodities": ["gaharu"],
             "valid_until": "2026-07-31"},
        ],
    },
    {
        "name": "Laboratorium Uji Mutu Pangan Khatulistiwa",
        "type": "research",
        "regions": ["Kalimantan Barat"],
        "description": "Laboratorium swasta (fiktif) terakreditasi untuk uji pangan dan hasil "
                       "perikanan.",
        "person": "Yenny Kartika, S.Si.",
        "email": "uji@labmutukhatulistiwa.example",
        "offerings": [
            {"field": "institutional", "title": "Uji Laboratorium Bersubsidi untuk Izin Edar",
             "description": "Paket uji mikrobiologi, logam berat dan gizi dengan subsidi 50% "
                            "untuk pengajuan izin edar atau halal.",
             "sectors": ["home_industry", "fishery"],
             "eligibility": {"scales": ["micro", "small"]},
             "capacity": 30, "valid_until": "2027-12-31"},
            {"field": "production", "title": "Konsultasi Formulasi dan Pengawetan Alami",
             "description": "Konsultasi resep dan proses supaya produk lebih awet tanpa bahan "
                            "pengawet terlarang.",
             "sectors": ["home_industry"]},
        ],
    },
    # --- government --------------------------------------------------------
    {
        "name": "Balai Kemasan dan Desain Produk Borneo Barat",
        "type": "government",
        "regions": ["Kalimantan Barat"],
        "description": "Unit layanan (fiktif) desain dan cetak kemasan untuk UMKM.",
        "person": "Nurul Hidayah",
        "email": "layanan@balaikemasan.example",
        "offerings": [
            {"field": "marketing", "title": "Desain Kemasan dan Label Gratis",
             "description": "Desainer membuat desain kemasan dan label lengkap; syarat sudah "
                            "punya PIRT atau izin edar lain.",
             "sectors": ["home_industry"],
             "eligibility": {"certifications": ["pirt"]},
             "capacity": 30, "valid_until": "2027-11-30"},
            {"field": "production", "title": "Cetak Kemasan Skala Kecil Bersubsidi",
             "description": "Cetak standing pouch dan kotak minimal 200 lembar dengan subsidi; "
                            "kuota tahun ini habis.",
             "sectors": ["home_industry"], "capacity": 0},
            {"field": "institutional", "title": "Pendaftaran Merek Kolektif Produk Daerah",
             "description": "Fasilitasi pendaftaran merek kolektif untuk kelompok/koperasi "
                            "perajin dan pengolah.",
             "eligibility": {"legal_forms": ["group", "cooperative", "bumdes"]},
             "valid_until": "2027-12-31"},
        ],
    },
    {
        "name": "Unit Pendampingan Perizinan Usaha Kapuas Raya (fiktif)",
        "type": "government",
        "regions": ["Sanggau", "Sekadau", "Sintang", "Melawi", "Kapuas Hulu"],
        "description": "Layanan perizinan keliling untuk usaha di kabupaten hulu.",
        "person": "Stefanus Jalong",
        "email": "perizinan@upukapuasraya.example",
        "offerings": [
            {"field": "institutional", "title": "Jemput Bola NIB dan SPP-IRT ke Desa",
             "description": "Petugas datang ke kecamatan membantu daftar NIB di OSS dan proses "
                            "SPP-IRT, termasuk penyuluhan keamanan pangan.",
             "valid_until": "2027-12-31"},
            {"field": "institutional", "title": "Fasilitasi Pembentukan Koperasi dan BUMDes",
             "description": "Pendampingan akta pendirian koperasi, AD/ART dan badan hukum "
                            "BUMDes bagi kelompok usaha.",
             "eligibility": {"legal_forms": ["group", "bumdes"]}},
        ],
    },
    {
        "name": "Badan Promosi Produk Daerah Kalbar (fiktif)",
        "type": "government",
        "regions": ["Kalimantan Barat"],
        "description": "Badan promosi (fiktif) yang mengirim produk UMKM ke pameran dan temu "
                       "bisnis.",
        "person": "Abang Irwansyah",
        "email": "promosi@bppdkalbar.example",
        "offerings": [
            {"field": "marketing", "title": "Kurasi Peserta Pameran Produk Unggulan 2027",
             "description": "Biaya stand dan kirim barang ditanggung untuk UMKM terpilih di "
                            "pameran nasional di Jakarta dan Surabaya.",
             "eligibility": {"scales": ["micro", "small"]},
             "capacity": 25, "valid_until": "2027-05-31"},
            {"field": "networking", "title": "Temu Bisnis UMKM Perbatasan dengan Pembeli Sarawak",
             "description": "Pertemuan dengan pedagang dan pembeli dari Kuching di pos lintas "
                            "batas; produk pangan, kerajinan dan hasil kebun.",
             "regions": ["Sambas", "Bengkayang", "Sanggau", "Kapuas Hulu"],
             "valid_until": "2026-09-30"},
            {"field": "networking", "title": "Forum Kemitraan UMKM dengan Usaha Besar",
             "description": "Temu kemitraan tahunan dengan perusahaan perkebunan, hotel dan ritel "
                            "untuk kontrak pasok.",
             "valid_until": "2027-10-31"},
        ],
    },
    {
        "name": "Balai Pelatihan Teknologi Tepat Guna Enggang",
        "type": "government",
        "regions": ["Kalimantan Barat"],
        "description": "Balai pelatihan (fiktif) teknologi tepat guna hasil pertanian dan "
                       "perikanan.",
        "person": "Sri Wulandari",
        "email": "pelatihan@bpttgenggang.example",
        "offerings": [
            {"field": "production", "title": "Pelatihan Pembuatan Pakan Ikan Mandiri",
             "description": "Membuat pelet dari bahan lokal (ampas tahu, keong, dedak) dengan "
                            "mesin pelet kecil; praktik 3 hari.",
             "commodities": ["ikan lele", "lele", "ikan nila", "nila"], "sectors": ["fishery"],
             "capacity": 25, "valid_until": "2027-08-31"},
            {"field": "production", "title": "Pelatihan Pengolahan Pangan dan Higiene Dapur",
             "description": "Tata letak dapur produksi, sanitasi, pengemasan dan pelabelan "
                            "untuk usaha rumahan.",
             "sectors": ["home_industry", "services"], "capacity": 35},
            {"field": "hr", "title": "Pelatihan Operator Mesin Pengolahan",
             "description": "Mengoperasikan dan merawat mesin vakum, spinner, sealer dan oven.",
             "sectors": ["home_industry", "fishery"]},
        ],
    },
    # --- training and incubation -------------------------------------------
    {
        "name": "Inkubator Bisnis Enggang Muda",
        "type": "training",
        "regions": ["Pontianak", "Kubu Raya", "Mempawah", "Singkawang"],
        "description": "Inkubator (fiktif) untuk wirausaha muda dan usaha rintisan.",
        "person": "Jimmy Pratama",
        "email": "halo@enggangmuda.example",
        "offerings": [
            {"field": "hr", "title": "Program Inkubasi 6 Bulan",
             "description": "Mentoring mingguan, ruang kerja bersama, dan demo day dengan calon "
                            "investor untuk usaha berumur kurang dari 5 tahun.",
             "eligibility": {"scales": ["micro"]},
             "capacity": 15, "valid_until": "2027-03-31"},
            {"field": "it", "title": "Kelas Konten Media Sosial dan Foto Produk Pakai HP",
             "description": "Praktik foto produk, video pendek dan jadwal unggah konten.",
             "capacity": 40},
            {"field": "marketing", "title": "Kelas Branding dan Penetapan Harga Jual",
             "description": "Menyusun cerita merek, hitung harga pokok produksi dan harga jual "
                            "untuk reseller.",
             "valid_until": "2027-12-31"},
        ],
    },
    {
        "name": "Lembaga Pelatihan Kerja Cakap Usaha",
        "type": "training",
        "regions": ["Kalimantan Barat"],
        "description": "LPK swasta (fiktif) dengan pelatihan keuangan, pariwisata dan teknik.",
        "person": "Maria Magdalena Ayu",
        "email": "daftar@lpkcakapusaha.example",
        "offerings": [
            {"field": "hr", "title": "Pelatihan Pembukuan Sederhana dan Laporan Keuangan UMKM",
             "description": "Tiga hari: buku kas, laba rugi, neraca sederhana, dan pakai "
                            "aplikasi pencatatan gratis. Peserta bawa nota usaha sendiri.",
             "capacity": 30, "valid_until": "2027-12-31"},
            {"field": "hr", "title": "Pelatihan Pelayanan Tamu dan Bahasa Inggris Wisata",
             "description": "Untuk pengelola homestay, pemandu dan pokdarwis: keramahan, "
                            "kebersihan kamar, bahasa Inggris dasar.",
             "sectors": ["tourism"], "capacity": 25},
            {"field": "hr", "title": "Sertifikasi Kompetensi Mekanik Sepeda Motor",
             "description": "Pelatihan dan uji kompetensi mekanik sepeda motor injeksi.",
             "commodities": ["bengkel motor", "servis motor"], "sectors": ["services"],
             "capacity": 12, "valid_until": "2026-11-15"},
        ],
    },
    {
        "name": "Kelas Ekspor Kapuas Raya",
        "type": "training",
        "regions": ["Kalimantan Barat"],
        "description": "Program pelatihan ekspor (fiktif) untuk UKM yang siap menembus pasar "
                       "luar negeri.",
        "person": "Kurniadi Tan",
        "email": "kelas@eksporkapuas.example",
        "offerings": [
            {"field": "institutional", "title": "Bimbingan Dokumen Ekspor",
             "description": "Surat keterangan asal, karantina, kode HS, dan kontrak dagang dasar.",
             "eligibility": {"scales": ["small", "medium"]},
             "valid_until": "2027-09-30"},
            {"field": "networking", "title": "Kurasi dan Pertemuan dengan Pembeli Luar Negeri",
             "description": "Produk terkurasi dipertemukan dengan pembeli dari Malaysia, "
                            "Singapura dan Tiongkok; wajib sudah bermerek terdaftar.",
             "eligibility": {"scales": ["small", "medium"], "certifications": ["trademark"]},
             "capacity": 10, "valid_until": "2027-09-30"},
        ],
    },
    # --- certification -----------------------------------------------------
    {
        "name": "Lembaga Pemeriksa Halal Amanah Khatulistiwa",
        "type": "certification",
        "regions": ["Kalimantan Barat"],
        "description": "Lembaga pemeriksa halal (fiktif) dengan pendamping proses produk halal "
                       "di tiap kabupaten.",
        "person": "H. Zulkarnain Ahmad",
        "email": "sertifikasi@lphamanah.example",
        "offerings": [
            {"field": "institutional", "title": "Pendampingan Sertifikasi Halal Self-Declare",
             "description": "Gratis untuk usaha mikro dengan bahan sederhana dan proses tidak "
                            "berisiko; pendamping bantu isi berkas dan verifikasi.",
             "sectors": ["home_industry"],
             "eligibility": {"scales": ["micro"]},
             "capacity": 100, "valid_until": "2027-12-31"},
            {"field": "institutional", "title": "Sertifikasi Halal Reguler",
             "description": "Audit halal reguler untuk usaha kecil dan menengah, termasuk "
                            "pelatihan penyelia halal.",
             "eligibility": {"scales": ["small", "medium"]}},
        ],
    },
    {
        "name": "Lembaga Verifikasi Legalitas Kayu Borneo Lestari",
        "type": "certification",
        "regions": ["Indonesia"],
        "description": "Lembaga verifikasi (fiktif) legalitas kayu dan sertifikasi organik.",
        "person": "Robertus Lanjak",
        "email": "verifikasi@borneolestari.example",
        "offerings": [
            {"field": "institutional", "title": "Sertifikasi SVLK Kelompok Perajin Mebel",
             "description": "Sertifikasi legalitas kayu secara berkelompok supaya biaya per "
                            "perajin lebih ringan.",
             "commodities": ["mebel kayu", "kayu olahan"], "sectors": ["craft", "forestry"],
             "eligibility": {"legal_forms": ["group", "cooperative", "cv"]},
             "valid_until": "2028-12-31"},
            {"field": "institutional", "title": "Sertifikasi Organik Produk Pertanian",
             "description": "Inspeksi dan sertifikasi organik untuk beras, sayur, lada dan madu.",
             "commodities": ["beras", "sayur", "lada", "madu kelulut"],
             "sectors": ["agriculture", "plantation"]},
            {"field": "hr", "title": "Pelatihan Sistem Kendali Internal (ICS) Kelompok Tani",
             "description": "Pelatihan pengurus kelompok menyusun catatan kebun dan inspeksi "
                            "internal sebagai syarat sertifikasi kelompok.",
             "eligibility": {"legal_forms": ["group", "cooperative"]},
             "capacity": 20},
        ],
    },
    # --- logistics ---------------------------------------------------------
    {
        "name": "CV Angkut Cepat Equator",
        "type": "logistics",
        "regions": ["Kalimantan Barat"],
        "description": "Jasa ekspedisi dan gudang berpendingin (fiktif) di Pontianak.",
        "person": "Acong Wijaya",
        "email": "cs@angkutcepat.example",
        "offerings": [
            {"field": "marketing", "title": "Tarif Khusus Kirim Paket UMKM ke Luar Pulau",
             "description": "Diskon 25% kirim paket ke Jawa, Batam dan Sulawesi untuk UMKM "
                            "terdaftar; jemput barang di Pontianak dan Kubu Raya.",
             "valid_until": "2027-12-31"},
            {"field": "production", "title": "Sewa Gudang Berpendingin Harian",
             "description": "Sewa ruang cold storage per palet per hari untuk ikan, kepiting, "
                            "daging durian dan buah.",
             "commodities": ["ikan", "kepiting", "durian", "jeruk siam"],
             "regions": ["Pontianak", "Kubu Raya"],
             "capacity": 15},
            {"field": "it", "title": "Aplikasi Cek Ongkir dan Lacak Kiriman untuk Penjual",
             "description": "Akses aplikasi untuk cetak resi, cek ongkir dan lacak kiriman, "
                            "terhubung ke toko online."},
        ],
    },
    {
        "name": "Koperasi Jasa Angkutan Sungai Kapuas Hulu",
        "type": "logistics",
        "regions": ["Kapuas Hulu", "Sintang", "Melawi", "Sekadau", "Sanggau"],
        "description": "Koperasi (fiktif) angkutan kapal motor dan truk hasil bumi di hulu "
                       "Kapuas.",
        "person": "Petrus Ngelai",
        "email": "angkutan@kopjasungai.example",
        "offerings": [
            {"field": "networking", "title": "Angkutan Hasil Bumi Terjadwal ke Pontianak",
             "description": "Jadwal angkut 2 kali seminggu dengan tarif per kg yang tetap untuk "
                            "kelompok mitra.",
             "capacity": 20},
            {"field": "marketing", "title": "Titip Jual Hasil Hulu di Pasar Pontianak",
             "description": "Koperasi menjualkan madu, ikan salai, tenun dan hasil kebun di "
                            "kios koperasi di Pontianak.",
             "commodities": ["madu kelulut", "ikan salai", "tenun ikat", "tengkawang"],
             "valid_until": "2028-06-30"},
        ],
    },
    # --- associations ------------------------------------------------------
    {
        "name": "Himpunan Pengusaha Kuliner Khatulistiwa",
        "type": "association",
        "regions": ["Pontianak", "Kubu Raya", "Singkawang", "Mempawah"],
        "description": "Asosiasi (fiktif) pengusaha makanan, katering dan oleh-oleh.",
        "person": "Hj. Rosmaniar",
        "email": "sekretariat@hpkk.example",
        "offerings": [
            {"field": "networking", "title": "Keanggotaan dan Pasar Bersama Anggota",
             "description": "Bazar bulanan, info pesanan katering besar dan pembelian bersama "
                            "bahan baku dan kemasan.",
             "sectors": ["home_industry", "services"]},
            {"field": "hr", "title": "Pelatihan Penjamah Makanan",
             "description": "Pelatihan higiene penjamah makanan untuk syarat laik higiene "
                            "sanitasi katering.",
             "sectors": ["home_industry", "services"], "capacity": 30,
             "valid_until": "2027-06-30"},
        ],
    },
    {
        "name": "Perkumpulan Penenun dan Perajin Kain Kalbar",
        "type": "association",
        "regions": ["Kalimantan Barat"],
        "description": "Perkumpulan (fiktif) penenun songket, ikat dan pembatik.",
        "person": "Dayang Norhayati",
        "email": "wastra@penenunkalbar.example",
        "offerings": [
            {"field": "networking", "title": "Jaringan Pemasok Benang dan Pewarna",
             "description": "Pembelian bersama benang sutra, benang emas dan bahan pewarna alam "
                            "supaya harga lebih murah dan pasokan rutin.",
             "commodities": ["tenun songket", "tenun ikat", "batik"], "sectors": ["craft"]},
            {"field": "marketing", "title": "Pameran Wastra Bersama",
             "description": "Stand bersama di pameran wastra nasional, biaya dibagi anggota.",
             "sectors": ["craft"], "valid_until": "2027-08-31"},
        ],
    },
    {
        "name": "Gabungan Koperasi Karet Rakyat Kalbar",
        "type": "association",
        "regions": ["Sanggau", "Sekadau", "Sintang", "Landak", "Melawi", "Bengkayang"],
        "description": "Gabungan (fiktif) koperasi dan kelompok petani karet.",
        "person": "Yakobus Sinyor",
        "email": "gkkr@karetrakyat.example",
        "offerings": [
            {"field": "networking", "title": "Pemasaran Bersama Bokar ke Pabrik",
             "description": "Lelang dan penjualan bersama bokar bersih langsung ke pabrik crumb "
                            "rubber.",
             "commodities": ["karet", "bokar", "getah karet"], "sectors": ["plantation"],
             "eligibility": {"legal_forms": ["group", "cooperative"]}},
            {"field": "institutional", "title": "Pendampingan AD/ART dan Rapat Anggota Tahunan",
             "description": "Pendampingan legalitas dan tata kelola koperasi/kelompok tani.",
             "eligibility": {"legal_forms": ["group", "cooperative"]}},
        ],
    },
    # --- NGOs --------------------------------------------------------------
    {
        "name": "Yayasan Mitra Desa Khatulistiwa",
        "type": "ngo",
        "regions": ["Kapuas Hulu", "Sintang", "Melawi", "Ketapang", "Kayong Utara"],
        "description": "Yayasan (fiktif) pendamping ekonomi masyarakat sekitar hutan.",
        "person": "Elisabeth Ranti",
        "email": "program@mitradesa.example",
        "offerings": [
            {"field": "production", "title": "Pendampingan Hasil Hutan Bukan Kayu Lestari",
             "description": "Pendampingan panen lestari madu, rotan dan tengkawang serta "
                            "pengolahan awal di desa.",
             "commodities": ["madu kelulut", "madu hutan", "rotan", "tengkawang"],
             "sectors": ["forestry"], "valid_until": "2028-12-31"},
            {"field": "networking", "title": "Fasilitasi Pasar Adil untuk Produk Hutan",
             "description": "Menghubungkan kelompok dengan pembeli fair trade dan toko produk "
                            "hijau di Jakarta dan Bali.",
             "sectors": ["forestry", "craft"]},
            {"field": "hr", "title": "Sekolah Lapang Perempuan Perajin",
             "description": "Pertemuan bulanan perempuan perajin: desain, hitung harga, dan "
                            "kepemimpinan kelompok.",
             "sectors": ["craft"], "capacity": 25},
        ],
    },
    {
        "name": "Yayasan Sahabat Pesisir Kalbar",
        "type": "ngo",
        "regions": ["Kubu Raya", "Kayong Utara", "Ketapang", "Mempawah", "Sambas"],
        "description": "Yayasan (fiktif) pelestarian mangrove dan ekonomi nelayan.",
        "person": "Wan Nurlela",
        "email": "kontak@sahabatpesisir.example",
        "offerings": [
            {"field": "production", "title": "Budidaya Kepiting dan Rumput Laut Ramah Mangrove",
             "description": "Pendampingan budidaya silvofishery kepiting dan rumput laut di "
                            "kawasan mangrove.",
             "commodities": ["kepiting", "rumput laut"], "sectors": ["fishery"]},
            {"field": "financing", "title": "Dana Bergulir Kelompok Perempuan Pesisir",
             "description": "Dana bergulir tanpa bunga Rp1-5 juta per anggota untuk olahan hasil "
                            "laut, dikembalikan dalam 10 bulan.",
             "eligibility": {"scales": ["micro"], "legal_forms": ["group"]},
             "capacity": 12, "valid_until": "2027-06-30"},
            {"field": "it", "title": "Pencatatan Hasil Tangkapan dan Penjualan dengan HP",
             "description": "Pelatihan aplikasi pencatatan tangkapan, harga dan penjualan untuk "
                            "nelayan dan pengolah.",
             "sectors": ["fishery"], "capacity": 30},
        ],
    },
    # --- other -------------------------------------------------------------
    {
        "name": "Dealer Mesin Pengolahan Pangan Teknik Jaya (fiktif)",
        "type": "other",
        "regions": ["Kalimantan Barat"],
        "description": "Toko mesin pengolahan pangan dan perikanan di Pontianak.",
        "person": "Afung Susilo",
        "email": "sales@teknikjaya.example",
        "offerings": [
            {"field": "financing", "title": "Cicilan Mesin Tanpa Bunga 12 Bulan",
             "description": "Mesin vakum, sealer, spinner, penggiling dan freezer dengan cicilan "
                            "12 bulan tanpa bunga, uang muka 20%.",
             "sectors": ["home_industry", "fishery"],
             "eligibility": {"scales": ["micro", "small"]},
             "valid_until": "2026-12-31"},
            {"field": "production", "title": "Demo dan Servis Mesin Pengolahan",
             "description": "Demo pemakaian dan servis berkala mesin yang dibeli, teknisi "
                            "datang ke lokasi.",
             "sectors": ["home_industry", "fishery"]},
        ],
    },
]
