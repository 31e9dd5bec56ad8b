-- Stripe payments and refunds look a payment up by its payment intent (records/Payments). Without an index that
-- OR-ed lookup read the tenant's whole payments table on every payment event, so processing slowed down as a
-- tenant's payments grew (bench/results/latest.md, processing profile).
CREATE INDEX payments_payment_intent ON payments (payment_intent_id) WHERE payment_intent_id IS NOT NULL;
