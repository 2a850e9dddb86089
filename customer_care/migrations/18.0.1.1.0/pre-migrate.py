"""18.0.1.1.0: commissions follow their payout document; first orders are thanked
once per customer.

- ``care.referral.commission.state`` becomes computed from what managers decided
  (the new ``approval_state``) and the payout document: a commission that was
  "Paid" because its bill existed is "Billed" until accounting pays the bill.
  The decision is kept here, before the column changes meaning; the post script
  recomputes the status.
- First-order thank-yous get the customer as occasion (``first_order,<id>``), the
  key of a unique index. Where two thank-yous were already planned for one
  customer, the oldest takes the new occasion and the others keep theirs: no
  action is lost.
"""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        ALTER TABLE care_referral_commission
          ADD COLUMN IF NOT EXISTS approval_state varchar;
        UPDATE care_referral_commission
           SET approval_state = CASE WHEN state = 'paid' THEN 'approved'
                                     ELSE state END
         WHERE approval_state IS NULL;
        """
    )
    cr.execute(
        """
        WITH first_orders AS (
            SELECT a.id, a.type_id,
                   COALESCE(p.commercial_partner_id, p.id) AS customer_id,
                   ROW_NUMBER() OVER (
                       PARTITION BY a.type_id, COALESCE(p.commercial_partner_id, p.id)
                       ORDER BY a.id
                   ) AS rank
              FROM care_loyalty_action a
              JOIN care_loyalty_action_type t ON t.id = a.type_id
              JOIN res_partner p ON p.id = a.partner_id
             WHERE t.trigger = 'first_order'
               AND a.occasion LIKE 'sale.order,%%'
        )
        UPDATE care_loyalty_action a
           SET occasion = 'first_order,' || f.customer_id
          FROM first_orders f
         WHERE f.id = a.id AND f.rank = 1
           AND NOT EXISTS (
               SELECT 1 FROM care_loyalty_action o
                WHERE o.type_id = f.type_id
                  AND o.occasion = 'first_order,' || f.customer_id
           )
        """
    )
