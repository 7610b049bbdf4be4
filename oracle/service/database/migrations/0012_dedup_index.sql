-- The dedup index: every accepted document, numbered in order of acceptance (doc 0, 1, ...), and
-- the tables a check looks up. Unsigned 32-bit hashes are stored in INTEGER columns as the signed
-- value with the same bits. A commit inserts only the rows of the documents it accepts.
CREATE TABLE dedup_documents (
  doc BIGINT PRIMARY KEY,
  submission BIGINT NOT NULL,
  document BIGINT NOT NULL,
  -- bands * rows little-endian uint16: the low half of fmix32 of each signature value
  signature BYTEA NOT NULL,
  -- the largest passage hash judged against this document (0xffffffff: every one)
  horizon INTEGER NOT NULL
);
ALTER TABLE dedup_documents ALTER COLUMN signature SET STORAGE EXTERNAL; -- random bits: never compressed

-- The first document with each exact hash.
CREATE TABLE dedup_exact (
  lo INTEGER NOT NULL,
  hi INTEGER NOT NULL,
  doc BIGINT NOT NULL,
  PRIMARY KEY (lo, hi)
);

-- The first maxBucket documents under each LSH band key, one partition per band: a look-up reads
-- one partition's index, and a band's table grows, vacuums and is rebuilt on its own.
CREATE TABLE dedup_bands (
  band SMALLINT NOT NULL,
  key INTEGER NOT NULL,
  doc BIGINT NOT NULL
) PARTITION BY LIST (band);
CREATE INDEX dedup_bands_key ON dedup_bands (band, key, doc);
DO $$
BEGIN
  FOR b IN 0..15 LOOP
    EXECUTE format('CREATE TABLE dedup_bands_%s PARTITION OF dedup_bands FOR VALUES IN (%s)', b, b);
  END LOOP;
END $$;
-- Configurations with more than 16 bands.
CREATE TABLE dedup_bands_other PARTITION OF dedup_bands DEFAULT;

-- The first document holding each sampled passage hash.
CREATE TABLE dedup_passages (
  hash INTEGER PRIMARY KEY,
  doc BIGINT NOT NULL
);

-- The dedup configuration the rows were computed with (one row once any document is stored).
CREATE TABLE dedup_index_config (
  one BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (one),
  config_hash TEXT NOT NULL
);
