"""Language detection: offline, right on news text, English even when it is full of foreign names."""
from __future__ import annotations

import pytest

from sitrep.article import Article
from sitrep.clean import clean
from sitrep.language import detect_language


@pytest.mark.parametrize("code, text", [
    ("en", "Russian Foreign Minister Sergey Lavrov made the announcement after a meeting with his Jordanian "
           "counterpart Nasser Judeh in Vienna on Friday."),
    ("fr", "Le ministre russe des Affaires étrangères a fait cette annonce après une rencontre avec son "
           "homologue jordanien à Vienne vendredi."),
    ("es", "El ministro ruso de Asuntos Exteriores hizo el anuncio tras reunirse con su homólogo jordano "
           "en Viena el viernes."),
    ("ar", "أعلن وزير الخارجية الروسي سيرغي لافروف ذلك بعد لقائه نظيره الأردني ناصر جودة في فيينا يوم الجمعة."),
    ("de", "Der russische Außenminister gab die Einigung nach einem Treffen mit seinem jordanischen "
           "Amtskollegen in Wien bekannt."),
])
def test_detects_news_languages(code, text):
    lang, confidence = detect_language(text)
    assert lang == code
    assert 0.5 < confidence <= 1.0


def test_english_full_of_foreign_names_is_english():
    text = ("Abdallah Makki Muslih al-Rufay'i, Abu Khadija, was killed with Hay'at Tahrir al-Sham commander "
            "Abu Muhammad al-Julani's aide in Deir ez-Zor, said Rami Abdel Rahman of the Syrian Observatory.")
    assert detect_language(text)[0] == "en"
    assert detect_language("Kim Jong Un met Xi Jinping in Pyongyang on Tuesday, KCNA said.")[0] == "en"


@pytest.mark.parametrize("text", ["", "   ", "Kabul", "Putin, Erdogan", "12 killed"])
def test_too_short_to_judge_is_english_with_no_confidence(text):
    assert detect_language(text) == ("en", 0.0)


def test_clean_sets_the_language():
    french = ("Des combats ont éclaté samedi à Tripoli entre des groupes armés rivaux.\n\n"
              "Au moins quatre personnes ont été tuées, selon le ministère de la Santé.")
    assert clean(Article(text=french)).language == "fr"
    english = ("Fighting broke out on Saturday in Tripoli between rival armed groups.\n\n"
               "At least four people were killed, the health ministry said.")
    assert clean(Article(text=english)).language == "en"


def test_english_notes_packed_with_somali_names_stay_english():
    from sitrep.language import detect_language

    note = ("Elders of a Dhulbahante clan militia and a Habar Jeclo clan militia met on 4 March 2024 "
            "near Laascaanood town (Laas Caanood, Sool) to discuss grazing land.")
    assert detect_language(note)[0] == "en"
    somali = ("Ciidamada dowladda ayaa weeraray saldhig ay lahaayeen Al-Shabaab oo ku yaalla gobolka "
              "Shabeellaha Hoose, sida ay sheegeen saraakiil.")
    assert detect_language(somali)[0] == "so"


def test_the_unpacked_model_in_the_cache_gives_the_same_answers(tmp_path, monkeypatch):
    """The language model is unpacked once and kept in the cache folder (start-up time)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    from sitrep import language

    monkeypatch.setenv("SITREP_CACHE_DIR", str(tmp_path))
    reference = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    texts = ["Russian Foreign Minister Sergey Lavrov made the announcement in Vienna on Friday.",
             "Le ministre russe des Affaires étrangères a fait cette annonce vendredi."]
    for _ in range(2):  # built and stored, then read back
        language._identifier.cache_clear()
        try:
            identifier = language._identifier()
        finally:
            language._identifier.cache_clear()
        assert len(list(tmp_path.glob("langid-*.pickle"))) == 1
        for text in texts:
            assert identifier.rank(text)[:5] == reference.rank(text)[:5]
