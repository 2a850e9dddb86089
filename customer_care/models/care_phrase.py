import html
import re

from odoo import _, api, fields, models, tools
from odoo.exceptions import AccessError, ValidationError

from ..phrase_matching import Library, tokenize

CATEGORIES = [
    ("blame", "Blame"),
    ("refusal", "Refusal"),
    ("policy", "Hiding Behind Policy"),
    ("pressure", "Pressure"),
    ("buck", "Passing the Buck"),
    ("negation", "Negation"),
]
# The documents on which staff write to customers, and the field naming the
# customer on each.
CHECKED_MODELS = {
    "res.partner": None,
    "crm.lead": "partner_id",
    "sale.order": "partner_id",
    "care.complaint": "partner_id",
    "care.loyalty.action": "partner_id",
}
LINE_BREAKS_RE = re.compile(
    r"<br\s*/?>|</(?:p|div|li|h[1-6]|tr|blockquote)>", re.IGNORECASE
)
TAGS_RE = re.compile(r"<[^>]*>")


def lang_family(code):
    return (code or "").split("_")[0] or False


def alternative_lines(text):
    """The alternatives of a phrase, one per line."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def html_to_text(body):
    """The text of a message body, with its paragraphs and line breaks kept as
    line breaks (they end a phrase)."""
    return html.unescape(TAGS_RE.sub("", LINE_BREAKS_RE.sub("\n", str(body or ""))))


class CarePhrase(models.Model):
    _name = "care.phrase"
    _description = "Customer Care: Damaging Phrase"
    _order = "lang_id, sequence, id"

    name = fields.Char(
        string="Damaging Phrase",
        required=True,
        help="A word or phrase that damages the relationship, as a customer would "
        "read it.",
    )
    alternatives = fields.Text(
        string="One-Click Alternatives",
        help="Building phrases that replace the damaging phrase whole, one per "
        "line, written as they read within a sentence (a capital only where the "
        "word always has one): each is a one-click replacement in the composer.",
    )
    advice = fields.Text(
        string="Rewrite Advice",
        help="Where no phrase can be swapped in word for word, how to rewrite the "
        "sentence instead; shown as advice, without a one-click replacement.",
    )
    example = fields.Char(
        help="A sentence holding the damaging phrase, as staff would write it."
    )
    example_rewritten = fields.Text(
        help="The example after each one-click alternative, one line per "
        "alternative, in their order.",
    )
    category = fields.Selection(CATEGORIES, required=True, default="refusal")
    note = fields.Text(
        string="Why It Damages", help="Shown next to the highlight in the composer."
    )
    lang_id = fields.Many2one(
        "res.lang",
        string="Language",
        required=True,
        ondelete="cascade",
        context={"active_test": False},
        help="The phrase is looked for in what staff write to customers of this "
        "language, and in what staff of this language write.",
    )
    lang = fields.Char(
        string="Language Family",
        compute="_compute_lang",
        store=True,
        index=True,
        help="The language without its country: a phrase in English (US) is "
        "looked for in every English.",
    )
    whole_word = fields.Boolean(
        string="Whole Words",
        default=True,
        help="Off: the last word also matches the start of a longer word "
        '("problem" in "problems").',
    )
    ignore_accents = fields.Boolean(
        default=True,
        help='On: "khong the" finds "không thể" (staff often type without '
        "diacritics). Off: the accents must be the same.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        help="Empty: the phrase applies in every company.",
    )

    @api.depends("lang_id.code")
    def _compute_lang(self):
        for phrase in self:
            phrase.lang = lang_family(phrase.lang_id.code)

    @api.constrains("name", "alternatives", "advice")
    def _check_words(self):
        for phrase in self:
            if not tokenize(phrase.name)[0]:
                raise ValidationError(
                    _(
                        "The phrase “%(phrase)s” holds no word to look for.",
                        phrase=phrase.name,
                    )
                )
            if (
                not alternative_lines(phrase.alternatives)
                and not (phrase.advice or "").strip()
            ):
                raise ValidationError(
                    _(
                        "Give “%(phrase)s” at least one alternative or advice on "
                        "rewriting the sentence.",
                        phrase=phrase.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        phrases = super().create(vals_list)
        self.env.registry.clear_cache()
        return phrases

    def write(self, vals):
        result = super().write(vals)
        self.env.registry.clear_cache()
        return result

    def unlink(self):
        result = super().unlink()
        self.env.registry.clear_cache()
        return result

    # ------------------------------------------------------------------
    # The library, for the server's check and for the composer
    # ------------------------------------------------------------------

    def _phrase_domain(self, company_id, langs):
        return [
            ("active", "=", True),
            ("company_id", "in", [False, company_id]),
            ("lang", "in", list(langs)),
        ]

    @api.model
    @tools.ormcache("company_id", "langs")
    def _library(self, company_id, langs):
        """The compiled library of a company for a set of languages (a sorted
        tuple of codes), cached until a phrase changes."""
        # sudo: phrases are configuration; the cached library serves every writer.
        phrases = (
            self.sudo()
            .with_context(active_test=True)
            .search_read(
                self._phrase_domain(company_id, langs),
                ["name", "whole_word", "ignore_accents"],
            )
        )
        return Library(phrases)

    @api.model
    def get_library(self):
        """The active phrases of the user's companies, for the composer."""
        if not self.env.user.has_group("customer_care.group_care_user"):
            return []
        phrases = self.search_read(
            [("active", "=", True)],
            [
                "name",
                "alternatives",
                "advice",
                "example",
                "example_rewritten",
                "category",
                "note",
                "lang",
                "whole_word",
                "ignore_accents",
            ],
        )
        labels = dict(self._fields["category"]._description_selection(self.env))
        for phrase in phrases:
            phrase["alternatives"] = alternative_lines(phrase["alternatives"])
            phrase["example_rewritten"] = alternative_lines(phrase["example_rewritten"])
            phrase["category_label"] = labels.get(phrase["category"], "")
        return phrases

    @api.model
    def get_composer_data(self, model, res_id):
        """What the composer of a document needs: whether what is sent to the
        customer is checked, in which languages, whether sending with damaging
        phrases needs a confirmation, and the advice for the customer's style."""
        if (
            model not in CHECKED_MODELS
            or not isinstance(res_id, int)
            or not self.env.user.has_group("customer_care.group_care_user")
        ):
            return {"check": False}
        record = self.env[model].browse(res_id).exists()
        if not record:
            return {"check": False}
        try:
            record.check_access("read")
        except AccessError:
            return {"check": False}
        customer = self._care_customer(record)
        company = self._care_company(record)
        return {
            "check": True,
            "langs": sorted(
                self._care_langs(self.env.user, self._care_customer_lang(record))
            ),
            "confirm": model == "care.complaint"
            and company.care_confirm_damaging_complaints,
            "advice": customer._care_style_advice_lines() if customer else [],
        }

    @api.model
    def _care_find(self, record, user, body):
        """The damaging phrases of an HTML body written by ``user`` on
        ``record``, from the library of the record's company in the writer's and
        the customer's languages."""
        langs = self._care_langs(user, self._care_customer_lang(record))
        library = self._library(self._care_company(record).id, tuple(sorted(langs)))
        return library.find(html_to_text(body))

    @api.model
    def _care_customer(self, record):
        field = CHECKED_MODELS.get(record._name)
        customer = record if field is None else record[field]
        # sudo: the customer's language and style, whatever the writer may read.
        return customer.sudo()

    @api.model
    def _care_customer_lang(self, record):
        """The language the customer of ``record`` reads: a lead's own (Odoo
        keeps it on the lead, from its contact), a complaint's copy of its
        customer's (both read with the document), else the customer's."""
        if record._name == "crm.lead" and record.lang_id:
            code = self.env["res.lang"]._get_data(id=record.lang_id.id).code
            if code:
                return code
        if record._name == "care.complaint" and record.partner_id:
            return record.sudo().customer_lang
        customer = self._care_customer(record)
        return customer.lang if customer else None

    @api.model
    def _care_company(self, record):
        company = record.company_id if "company_id" in record._fields else None
        return company or self.env.company

    @api.model
    def _care_langs(self, user, customer_lang):
        codes = (user.lang, customer_lang)
        return {lang_family(code) for code in codes if code}
