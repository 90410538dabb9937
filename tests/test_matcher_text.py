"""Indonesian text analysis: stemming, stopwords, TF-IDF similarity."""

from __future__ import annotations

import numpy as np
import pytest

from matcher.text import IndonesianAnalyzer, TextModel, normalise, stem_options, stopwords, tokenize


@pytest.mark.parametrize(
    "words, root",
    [
        (["pemasaran", "memasarkan", "dipasarkan", "pasar"], "pasar"),
        (["pelatihan", "melatih", "dilatih"], "latih"),
        (["pendaftaran", "didaftarkan", "mendaftar"], "daftar"),
        (["penjualan", "menjual", "dijual", "jualan"], "jual"),
        (["pembiayaan", "biaya"], "biaya"),
        (["pendampingan", "mendampingi", "didampingi"], "damping"),
        (["pengolahan", "mengolah", "diolah", "olahan"], "olah"),
        (["perikanan", "ikan"], "ikan"),
        (["keuangan", "uang"], "uang"),
        (["pembelian", "membeli", "pembeli", "beli"], "beli"),
    ],
)
def test_derivations_of_one_root_share_a_stem(words, root):
    analyzer = IndonesianAnalyzer().fit([" ".join(words)])
    assert {analyzer.stem(w) for w in words} == {root}


@pytest.mark.parametrize(
    "word",
    [
        "kelompok",
        "kerupuk",
        "keripik",
        "produksi",
        "koperasi",
        "kopi",
        "ikan",
        "bahan",
        "sertifikasi",
    ],
)
def test_roots_and_loanwords_are_left_alone(word):
    assert stem_options(word)[0] == word


def test_ambiguous_nasal_prefers_the_attested_reading():
    analyzer = IndonesianAnalyzer().fit(["kirim barang", "bahan olah"])
    assert analyzer.stem("mengirim") == "kirim"
    assert analyzer.stem("mengolah") == "olah"
    assert analyzer.stem("pengemasan") == IndonesianAnalyzer().fit(["kemasan"]).stem("kemasan")


def test_analyzer_keeps_scikit_learn_habits_parameters_in_init_learned_state_after_fit():
    unfitted = IndonesianAnalyzer(stop_words=["modal"])
    assert vars(unfitted) == {"stop_words": ["modal"]}  # __init__ stores parameters only
    assert unfitted("Kami butuh modal kecil") == ["kami", "butuh", "kecil"]
    analyzer = IndonesianAnalyzer(stop_words=["modal"]).fit(["kirim modal", "pengiriman"])
    assert analyzer.stop_words == ["modal"]  # the parameter, untouched
    assert analyzer.stop_words_ == frozenset({"modal"})
    assert "kirim" in analyzer.lexicon_ and "modal" not in analyzer.lexicon_
    assert analyzer.surface_["kirim"] == "kirim"
    assert analyzer.stem("mengirim") == "kirim"


def test_stopwords_drop_function_words_but_keep_meaningful_ones():
    words = stopwords()
    assert {"yang", "dan", "untuk", "kami", "ingin", "the"} <= words
    assert not {"kecil", "modal", "kurang", "besar", "mikro", "baru", "segar"} & words
    assert IndonesianAnalyzer()("Kami butuh modal kecil yang kurang") == [
        "modal",
        "kecil",
        "kurang",
    ]


def test_normalise_and_tokenize():
    assert normalise("SPP-IRT, P-IRT dan PIRT") == "pirt, pirt dan pirt"
    assert tokenize("Manik-manik Dayak, 250 ml; café") == ["manik", "dayak", "ml", "cafe"]


def test_text_model_similarity_follows_meaning():
    docs = [
        "Pemasaran produk UMKM ke toko oleh-oleh dan galeri",
        "Kredit modal kerja untuk usaha mikro",
        "Pelatihan menenun songket untuk perajin muda",
    ]
    model = TextModel()
    X = model.fit_transform(docs)
    q = model.transform(["Ingin produk kami dipasarkan di toko oleh-oleh"])
    sims = (q @ X.T).toarray().ravel()
    assert np.argmax(sims) == 0
    assert np.allclose(np.asarray(X.multiply(X).sum(axis=1)).ravel(), 1.0, atol=1e-5)
    words_only = TextModel(char_weight=0.0)
    assert np.allclose(
        words_only.fit_transform(docs).toarray(), words_only.transform(docs).toarray(), atol=1e-6
    )
    assert set(model.shared_terms("pemasaran ke toko", 0)) == {"toko", "pemasaran"}


def test_text_model_without_character_ngrams_and_with_empty_text():
    model = TextModel(char_weight=0.0).fit(["kopi liberika", "lada putih"])
    rows = model.transform(["", "kopi"])
    assert rows.shape[0] == 2 and rows[0].nnz == 0 and rows[1].nnz == 1


def test_character_ngrams_tolerate_spelling_variants():
    model = TextModel(char_weight=0.5)
    documents = model.fit_transform(["ekspor kopi liberika", "ekspor lada putih"])
    sims = (model.transform(["liberica"]) @ documents.T).toarray()
    assert sims[0, 0] > 0.2 and sims[0, 1] == 0.0
