import calendar
from datetime import date, timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from .common import CustomerCareCommon


@tagged("post_install", "-at_install")
class TestLoyaltyBirthdayCron(CustomerCareCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.birthday_type = cls.env.ref(
            "customer_care.care_loyalty_action_type_birthday"
        )
        cls.birthday_type.lead_days = 7
        Partner = cls.env["res.partner"]
        cls.anh = Partner.create(
            {
                "name": "Anh",
                "email": "anh@example.com",
                "care_birthdate": date(1990, 3, 10),
            }
        )
        cls.leap = Partner.create(
            {
                "name": "Leap",
                "email": "leap@example.com",
                "care_birthdate": date(1992, 2, 29),
            }
        )
        cls.Action = cls.env["care.loyalty.action"]

    def cards(self, partner):
        return self.Action.search(
            [("partner_id", "=", partner.id), ("type_id", "=", self.birthday_type.id)]
        )

    def test_card_planned_lead_days_ahead_for_the_birthday(self):
        with freeze_time("2026-03-02"):
            self.Action._cron_plan_birthdays()
        self.assertFalse(self.cards(self.anh), "10 March is 8 days away")
        with freeze_time("2026-03-03"):
            self.Action._cron_plan_birthdays()
        card = self.cards(self.anh)
        self.assertEqual(len(card), 1)
        self.assertEqual(card.planned_date, date(2026, 3, 10))
        self.assertEqual(card.occasion, "2026")
        self.assertEqual(card.state, "planned")
        self.assertEqual(card.channel, "email")

    def test_second_run_plans_nothing(self):
        with freeze_time("2026-03-05"):
            self.Action._cron_plan_birthdays()
            self.Action._cron_plan_birthdays()
        with freeze_time("2026-03-09"):
            self.Action._cron_plan_birthdays()
        self.assertEqual(len(self.cards(self.anh)), 1)
        # Next year's birthday gets its own card.
        with freeze_time("2027-03-08"):
            self.Action._cron_plan_birthdays()
        self.assertEqual(
            sorted(self.cards(self.anh).mapped("occasion")), ["2026", "2027"]
        )

    def test_29_february_in_common_and_leap_years(self):
        self.birthday_type.lead_days = 0
        with freeze_time("2027-02-28"):
            self.Action._cron_plan_birthdays()
        self.assertEqual(self.cards(self.leap).planned_date, date(2027, 2, 28))
        with freeze_time("2028-02-28"):
            self.Action._cron_plan_birthdays()
        self.assertEqual(len(self.cards(self.leap)), 1, "2028 is a leap year: not yet")
        with freeze_time("2028-02-29"):
            self.Action._cron_plan_birthdays()
        self.assertEqual(
            self.cards(self.leap).mapped("planned_date"),
            [date(2028, 2, 29), date(2027, 2, 28)],
        )

    def test_window_over_new_year(self):
        january = self.env["res.partner"].create(
            {
                "name": "Tet",
                "email": "tet@example.com",
                "care_birthdate": date(1985, 1, 2),
            }
        )
        with freeze_time("2026-12-28"):
            self.Action._cron_plan_birthdays()
        card = self.cards(january)
        self.assertEqual(card.planned_date, date(2027, 1, 2))
        self.assertEqual(card.occasion, "2027")

    def last_years_card(self, partner, planned_date):
        """The card of planned_date's year, planned by the cron on that day."""
        with freeze_time(planned_date):
            self.Action._cron_plan_birthdays()
        card = self.cards(partner)
        self.assertEqual(
            (card.occasion, card.planned_date),
            (str(planned_date.year), planned_date),
        )
        return card

    def plan_every_day(self, partner, first_day, last_day, expected_cards):
        """Run the cron on each day from first_day to last_day and check the
        partner's cards, as [(occasion, planned date)], after each run against
        expected_cards(day)."""
        day = first_day
        while day <= last_day:
            with self.subTest(day=day), freeze_time(day):
                self.Action._cron_plan_birthdays()
                self.assertEqual(
                    sorted(
                        (card.occasion, card.planned_date)
                        for card in self.cards(partner)
                    ),
                    expected_cards(day),
                )
            day += timedelta(days=1)

    def test_last_years_card_does_not_delay_the_card_over_new_year(self):
        """Born on 2 January with the card of 2026: the card of 2027 is planned
        exactly 7 days ahead, on 26 December 2026, not on 1 January."""
        january = self.env["res.partner"].create(
            {
                "name": "Tet",
                "email": "tet@example.com",
                "care_birthdate": date(1985, 1, 2),
            }
        )
        self.last_years_card(january, date(2026, 1, 2))

        def expected_cards(day):
            cards = [("2026", date(2026, 1, 2))]
            # Lead time 7: planned from 7 days before the birthday on.
            if (date(2027, 1, 2) - day).days <= 7:
                cards.append(("2027", date(2027, 1, 2)))
            return cards

        self.assertEqual(self.birthday_type.lead_days, 7)
        self.plan_every_day(
            january, date(2026, 12, 20), date(2027, 1, 10), expected_cards
        )
        card = self.cards(january).filtered(lambda card: card.occasion == "2027")
        self.assertEqual(card.state, "planned")

    def test_29_february_over_new_year_with_last_years_card(self):
        """A lead time of 70 days brings 28/29 February into a window that
        starts in December: last year's card must not hide this year's, which is
        greeted on 28 February in the common year 2027 and on 29 February in the
        leap year 2028."""
        self.birthday_type.lead_days = 70
        self.last_years_card(self.leap, date(2026, 2, 28))

        def expected_cards(day):
            cards = [("2026", date(2026, 2, 28))]
            for year, greeted in (
                (2027, date(2027, 2, 28)),  # common year: the day before 1 March
                (2028, date(2028, 2, 29)),  # leap year: the birthday itself
            ):
                if (greeted - day).days <= 70:
                    cards.append((str(year), greeted))
            return cards

        # 20 December 2026 is 70 days before 28 February 2027, 21 December 2027
        # 70 days before 29 February 2028.
        self.assertTrue(calendar.isleap(2028) and not calendar.isleap(2027))
        self.plan_every_day(
            self.leap, date(2026, 12, 15), date(2027, 3, 2), expected_cards
        )
        self.plan_every_day(
            self.leap, date(2027, 12, 15), date(2028, 3, 2), expected_cards
        )
        self.assertEqual(
            sorted(self.cards(self.leap).mapped("planned_date")),
            [date(2026, 2, 28), date(2027, 2, 28), date(2028, 2, 29)],
        )

    def test_skipped_partners_show_why(self):
        Partner = self.env["res.partner"]
        birthday = {"care_birthdate": date(1980, 3, 10)}
        opted_out = Partner.create(
            {
                "name": "Opted out",
                "email": "o@example.com",
                "care_greetings_opt_out": True,
            }
            | birthday
        )
        archived = Partner.create(
            {"name": "Archived", "email": "a@example.com", "active": False} | birthday
        )
        no_email = Partner.create({"name": "No e-mail"} | birthday)
        blacklisted = Partner.create(
            {"name": "Blacklisted", "email": "b@example.com"} | birthday
        )
        self.env["mail.blacklist"].sudo()._add("b@example.com")
        with freeze_time("2026-03-10"):
            self.Action._cron_plan_birthdays()
        for partner, reason in (
            (opted_out, "opt_out"),
            (archived, "archived"),
            (no_email, "no_email"),
            (blacklisted, "blacklisted"),
        ):
            card = self.cards(partner)
            self.assertEqual(
                (card.state, card.skip_reason), ("cancelled", reason), partner.name
            )
        self.assertEqual(self.cards(self.anh).state, "planned")

    def test_query_count_does_not_grow_with_partners(self):
        Partner = self.env["res.partner"]

        def queries_to_plan(count, day):
            Partner.create(
                [
                    {
                        "name": f"P{day}-{index}",
                        "email": f"p{day}.{index}@example.com",
                        "care_birthdate": date(1970, 6, day),
                    }
                    for index in range(count)
                ]
            )
            # Partners not due add nothing either.
            Partner.create(
                [
                    {
                        "name": f"Later{day}-{index}",
                        "care_birthdate": date(1970, 9, day),
                    }
                    for index in range(count)
                ]
            )
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            with freeze_time(f"2026-06-{day:02d}"):
                self.birthday_type.invalidate_recordset()
                self.Action._cron_plan_birthdays()
                self.env.flush_all()
            return self.env.cr.sql_log_count - before

        self.birthday_type.lead_days = 0
        # Warm-up: the first runs fill the registry's and the ORM's caches.
        queries_to_plan(1, 1)
        queries_to_plan(1, 2)
        small, large = queries_to_plan(3, 3), queries_to_plan(40, 4)
        self.assertEqual(small, large)
        self.assertLessEqual(large, 12)
        self.assertEqual(
            self.Action.search_count(
                [("occasion", "=", "2026"), ("planned_date", ">=", "2026-06-03")]
            ),
            43,
        )
