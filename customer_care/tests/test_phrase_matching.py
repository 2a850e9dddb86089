import importlib.util

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import file_path

from ..phrase_matching import Library
from .common import CustomerCareCommon


def found(phrases, text):
    library = Library([{"id": index, **phrase} for index, phrase in enumerate(phrases)])
    return [match.text for match in library.find(text)]


@tagged("post_install", "-at_install")
class TestPhraseMatching(CustomerCareCommon):
    """The rules the server and the composer share (phrase_matcher.js mirrors
    them; its own tests are the JavaScript ones)."""

    def test_case_and_apostrophes(self):
        self.assertEqual(
            found([{"name": "I can't"}], "i CAN'T, I can’t, I cant"),
            ["i CAN'T", "I can’t"],
        )

    def test_whole_words(self):
        self.assertEqual(
            found([{"name": "but"}], "Press the button, but wait"), ["but"]
        )
        self.assertEqual(found([{"name": "no"}], "Nobody knows. No."), ["No"])

    def test_word_start_when_not_whole(self):
        phrases = [{"name": "problem", "whole_word": False}]
        self.assertEqual(
            found(phrases, "Problems, a problematic problem, noproblem"),
            ["Problems", "problematic", "problem"],
        )

    def test_punctuation_inside_a_phrase_but_not_a_sentence_end(self):
        phrases = [{"name": "our policy says"}, {"name": "no problem"}]
        self.assertEqual(
            found(phrases, "Our policy, says... Our policy… says; no. Problem"),
            ["Our policy, says", "Our policy… says"],
        )
        self.assertEqual(found(phrases, "no\nproblem"), [])

    def test_vietnamese_with_and_without_diacritics(self):
        phrases = [{"name": "không thể"}, {"name": "đợi một chút"}]
        self.assertEqual(
            found(phrases, "Em KHÔNG THỂ đổi; em khong the. Doi mot chut nhé"),
            ["KHÔNG THỂ", "khong the", "Doi mot chut"],
        )
        # Typed in decomposed form (combining accents), as some keyboards do.
        self.assertEqual(
            found(phrases, "kho\u0302ng the\u0302\u0309"),
            ["kho\u0302ng the\u0302\u0309"],
        )

    def test_accents_kept_when_asked(self):
        phrases = [{"name": "không", "ignore_accents": False}]
        self.assertEqual(found(phrases, "Không, khong, khổng"), ["Không"])

    def test_longest_phrase_first_and_no_overlap(self):
        phrases = [
            {"name": "problem"},
            {"name": "what's your problem"},
            {"name": "your"},
        ]
        self.assertEqual(
            found(phrases, "What's your problem? Your problem."),
            ["What's your problem", "Your", "problem"],
        )

    def test_library_is_cached_and_follows_changes(self):
        Phrase = self.env["care.phrase"]
        lang = self.env.ref("base.lang_en")
        text = "Honestly, zorblax is the word"
        phrase = Phrase.create(
            {"name": "zorblax", "alternatives": "word", "lang_id": lang.id}
        )
        library = Phrase._library(self.company.id, ("en",))
        self.assertEqual([m.phrase_id for m in library.find(text)], phrase.ids)
        self.assertIs(Phrase._library(self.company.id, ("en",)), library)
        phrase.active = False
        self.assertEqual(Phrase._library(self.company.id, ("en",)).find(text), [])
        phrase.write({"active": True, "company_id": self.company_2.id})
        self.assertEqual(Phrase._library(self.company.id, ("en",)).find(text), [])
        self.assertEqual(len(Phrase._library(self.company_2.id, ("en",)).find(text)), 1)
        self.assertEqual(Phrase._library(self.company_2.id, ("vi",)).find(text), [])

    def test_phrase_needs_a_word_and_an_alternative(self):
        Phrase = self.env["care.phrase"]
        lang = self.env.ref("base.lang_en")
        with self.assertRaisesRegex(ValidationError, "no word"):
            Phrase.create({"name": "...", "alternatives": "x", "lang_id": lang.id})
        with self.assertRaisesRegex(ValidationError, "at least one alternative"):
            Phrase.create({"name": "nope", "alternatives": " \n ", "lang_id": lang.id})

    def test_language_family(self):
        phrase = self.env["care.phrase"].create(
            {
                "name": "zorblax",
                "alternatives": "word",
                "lang_id": self.env.ref("base.lang_vi_VN").id,
            }
        )
        self.assertEqual(phrase.lang, "vi")

    def test_shipped_library(self):
        """The material's phrases ship in both languages; "không" (also the
        question particle) ships archived."""
        Phrase = self.env["care.phrase"].with_context(active_test=False)
        for lang in ("en", "vi"):
            phrases = Phrase.search([("lang", "=", lang)])
            self.assertGreaterEqual(len(phrases), 15, lang)
            self.assertEqual(
                set(phrases.mapped("category")),
                {"blame", "refusal", "policy", "pressure", "buck", "negation"},
            )
        self.assertFalse(self.env.ref("customer_care.care_phrase_vi_khong").active)
        library = Phrase._library(self.company.id, ("en",))
        self.assertEqual(
            [m.text for m in library.find("I can't do that, it's our policy")],
            ["I can't", "our policy"],
        )

    def test_upgrade_rewrites_the_shipped_phrases_nobody_changed(self):
        path = file_path("customer_care/migrations/18.0.1.11.0/post-migrate.py")
        spec = importlib.util.spec_from_file_location("care_phrase_migrate", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        cant = self.env.ref("customer_care.care_phrase_en_i_cant")
        know = self.env.ref("customer_care.care_phrase_en_i_dont_know")
        old = {
            "alternatives": "What I can do is\nI will",
            "advice": False,
            "example": False,
            "example_rewritten": False,
        }
        cant.write(old)
        know.write(dict(old, alternatives="Let me check that for you, edited"))
        migration.migrate(self.env.cr, "18.0.1.10.0")
        self.assertFalse(cant.alternatives, "no word-for-word swap any more")
        self.assertIn("What I can do is", cant.advice)
        self.assertEqual(cant.example, "I can't do that, it's our policy.")
        self.assertEqual(
            know.alternatives, "Let me check that for you, edited", "edited: kept"
        )
        self.assertFalse(know.example)
