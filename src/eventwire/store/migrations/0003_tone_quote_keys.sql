-- Schema version 3: tone (eventwire/tone) for articles, events and quotes, and the key that links the
-- same quotation across articles. `tone` (articles and quotes since version 1, events now) holds the
-- score, GDELT's Tone (positive - negative); tone_positive/tone_negative are percentages of tone_words.
-- ADD COLUMN appends, so store/writer.py gives these columns last, in this order.
ALTER TABLE articles ADD COLUMN tone_positive DOUBLE;
ALTER TABLE articles ADD COLUMN tone_negative DOUBLE;
ALTER TABLE articles ADD COLUMN tone_words INTEGER;

ALTER TABLE events ADD COLUMN tone DOUBLE;
ALTER TABLE events ADD COLUMN tone_positive DOUBLE;
ALTER TABLE events ADD COLUMN tone_negative DOUBLE;
ALTER TABLE events ADD COLUMN tone_words INTEGER;

ALTER TABLE quotes ADD COLUMN tone_positive DOUBLE;
ALTER TABLE quotes ADD COLUMN tone_negative DOUBLE;
ALTER TABLE quotes ADD COLUMN tone_words INTEGER;
-- ingest/ids.quote_key of the quote's text: equal keys are the same words quoted in different articles.
ALTER TABLE quotes ADD COLUMN quote_key VARCHAR;
