-- Name search: every pair of adjacent characters of a name, lower-cased. Two-character Chinese
-- fragments such as 瑞祥 get no trigram, so names are indexed by bigrams; a fragment of n ≥ 2
-- characters matches rows whose bigrams contain all of the fragment's bigrams (then LIKE rechecks).
CREATE FUNCTION zj_bigrams(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
  SELECT coalesce(array_agg(DISTINCT substr(lower(t), i, 2)), '{}'::text[])
  FROM generate_series(1, char_length(t) - 1) AS i
$$;
--> statement-breakpoint
CREATE INDEX enterprises_name_bigrams ON enterprises USING gin (zj_bigrams(name));
