"""18.0.1.11.0:

- the shipped phrases get one-click alternatives that replace them whole,
  advice where none can, and an example. They are ``noupdate``: those nobody
  changed are updated from the data file this once, those an administrator
  edited are left as they are.
- the evidence of a measured CASCADE line was the text its last evaluation
  wrote in the language of whoever refreshed it; it is now said from the line's
  figures at display, so the stored copy goes. A person never wrote it
  (measured lines refuse written evidence).
"""

from lxml import etree

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL, file_path

# ruff: noqa: E501 (the shipped texts, as they were)
PHRASE_FIELDS = ("name", "alternatives", "advice", "example", "example_rewritten")

# The shipped phrases as 18.0.1.10.0 made them: (name, alternatives).
SHIPPED = {
    "care_phrase_en_you_dont_understand": (
        "You don't understand",
        "Let me explain it another way\nI may not have been clear",
    ),
    "care_phrase_en_i_dont_know": (
        "I don't know",
        "I'll find out for you and get back to you\nLet me check that for you",
    ),
    "care_phrase_en_i_cant": ("I can't", "What I can do is\nI will"),
    "care_phrase_en_i_cannot": ("I cannot", "What I can do is\nI will"),
    "care_phrase_en_hold_on": (
        "Hold on a second",
        "May I put you on hold for a moment?\nWould you mind waiting while I check?",
    ),
    "care_phrase_en_our_policy": (
        "our policy",
        "What I can do for you is\nHere is how we can help",
    ),
    "care_phrase_en_not_my_job": (
        "That's not my job",
        "I'll find the right person to help you\nLet me get that sorted for you",
    ),
    "care_phrase_en_you_must": ("You must", "Please\nWould you mind"),
    "care_phrase_en_you_should": ("You should", "May I suggest\nYou could"),
    "care_phrase_en_youll_have_to": (
        "You'll have to",
        "Could you please\nWould you mind",
    ),
    "care_phrase_en_whats_your_problem": (
        "What's your problem",
        "How may I help?\nWhat can I do for you?",
    ),
    "care_phrase_en_why_dont_you": (
        "Why don't you",
        "Would you like to\nMay I suggest",
    ),
    "care_phrase_en_i_never_said": (
        "I never said",
        "I'm sorry if I was not clear\nLet me clarify",
    ),
    "care_phrase_en_problem": ("problem", "question\nsituation"),
    "care_phrase_en_but": ("but", "and"),
    "care_phrase_en_no": ("no", "What I can do is\nLet me see what I can do"),
    "care_phrase_vi_ban_khong_hieu": (
        "bạn không hiểu",
        "Để tôi giải thích rõ hơn\nCó lẽ tôi giải thích chưa rõ",
    ),
    "care_phrase_vi_quy_khach_khong_hieu": (
        "quý khách không hiểu",
        "Để tôi giải thích rõ hơn\nCó lẽ tôi giải thích chưa rõ",
    ),
    "care_phrase_vi_toi_khong_biet": (
        "tôi không biết",
        "Tôi sẽ tìm hiểu và báo lại cho quý khách\nĐể tôi kiểm tra giúp quý khách",
    ),
    "care_phrase_vi_khong_the": ("không thể", "Điều tôi có thể làm là\nTôi sẽ"),
    "care_phrase_vi_cho_mot_chut": (
        "chờ một chút",
        "Phiền quý khách chờ trong giây lát để tôi kiểm tra\nQuý khách vui lòng đợi giây lát được không ạ?",
    ),
    "care_phrase_vi_doi_mot_chut": (
        "đợi một chút",
        "Phiền quý khách chờ trong giây lát để tôi kiểm tra\nQuý khách vui lòng đợi giây lát được không ạ?",
    ),
    "care_phrase_vi_chinh_sach": (
        "chính sách",
        "Điều chúng tôi có thể làm cho quý khách là\nChúng tôi có thể hỗ trợ quý khách như sau",
    ),
    "care_phrase_vi_quy_dinh_cong_ty": (
        "quy định của công ty",
        "Điều chúng tôi có thể làm cho quý khách là\nChúng tôi có thể hỗ trợ quý khách như sau",
    ),
    "care_phrase_vi_khong_phai_viec_cua_toi": (
        "không phải việc của tôi",
        "Tôi sẽ tìm đúng người hỗ trợ quý khách\nĐể tôi lo việc này cho quý khách",
    ),
    "care_phrase_vi_ban_phai": ("bạn phải", "Quý khách vui lòng\nPhiền quý khách"),
    "care_phrase_vi_quy_khach_phai": (
        "quý khách phải",
        "Quý khách vui lòng\nPhiền quý khách",
    ),
    "care_phrase_vi_ban_nen": ("bạn nên", "Tôi xin gợi ý\nQuý khách có thể"),
    "care_phrase_vi_ban_se_phai": (
        "bạn sẽ phải",
        "Quý khách vui lòng\nPhiền quý khách",
    ),
    "care_phrase_vi_van_de_cua_ban": (
        "vấn đề của bạn là gì",
        "Tôi có thể giúp gì cho quý khách?\nQuý khách cần hỗ trợ điều gì ạ?",
    ),
    "care_phrase_vi_sao_ban_khong": (
        "sao bạn không",
        "Quý khách có muốn\nTôi xin gợi ý",
    ),
    "care_phrase_vi_toi_chua_bao_gio_noi": (
        "tôi chưa bao giờ nói",
        "Có lẽ tôi đã giải thích chưa rõ\nĐể tôi nói lại cho rõ",
    ),
    "care_phrase_vi_van_de": ("vấn đề", "việc\ntình huống"),
    "care_phrase_vi_nhung": ("nhưng", "và\nđồng thời"),
    "care_phrase_vi_khong": (
        "không",
        "Điều tôi có thể làm là\nĐể tôi xem có thể giúp gì",
    ),
}


def migrate(cr, version):
    if not version:
        return
    _update_unchanged_phrases(api.Environment(cr, SUPERUSER_ID, {}))
    cr.execute(
        SQL(
            """
            UPDATE care_cascade_review_line line
               SET evidence_written = NULL
              FROM care_cascade_item item
             WHERE item.id = line.item_id
               AND item.indicator IS NOT NULL
               AND line.indicator_date IS NOT NULL
            """
        )
    )


def _shipped_values():
    """{xmlid: values} of the phrases in today's data file."""
    tree = etree.parse(file_path("customer_care/data/care_phrase_data.xml"))
    shipped = {}
    for record in tree.iterfind(".//record[@model='care.phrase']"):
        values = dict.fromkeys(PHRASE_FIELDS, False)
        for field in record.iterfind("field"):
            if field.get("name") in PHRASE_FIELDS and field.get("eval") is None:
                values[field.get("name")] = field.text or False
        shipped[record.get("id")] = values
    return shipped


def _update_unchanged_phrases(env):
    for xmlid, values in _shipped_values().items():
        phrase = env.ref(f"customer_care.{xmlid}", raise_if_not_found=False)
        if phrase and (phrase.name, phrase.alternatives) == SHIPPED.get(xmlid):
            phrase.write(values)
